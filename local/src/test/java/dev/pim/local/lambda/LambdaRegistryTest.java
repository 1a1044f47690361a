package dev.pim.local.lambda;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaRegistryTest {
    private static final String PREFLIGHT = "arn:aws:lambda:us-west-2:111122223333:function:Preflight";

    /** A handler of some configuration, as a factory would close over it. */
    record Configured(String configuration) {
    }

    @Test
    void aFactoryCreatesTheFunctionsHandlerOnceAsAnExecutionEnvironmentWould() {
        AtomicInteger created = new AtomicInteger();
        LambdaRegistry registry = new LambdaRegistry().register(PREFLIGHT, "dev.pim.handler.PreflightHandler", () -> {
            created.incrementAndGet();
            return new Configured("leases on");
        }, Duration.ofMinutes(1));
        LambdaFunction function = registry.find("Preflight").orElseThrow();

        Object first = registry.handler(function);
        Object second = registry.handler(function);

        assertThat(first).isEqualTo(new Configured("leases on")).isSameAs(second);
        assertThat(created).hasValue(1);
        assertThat(function.handlerClass()).as("what its configuration shows").isEqualTo("dev.pim.handler.PreflightHandler");

        registry.recycleInstances();
        assertThat(registry.handler(function)).isNotSameAs(first);
        assertThat(created).hasValue(2);
    }

    @Test
    void registriesOfOneJvmHoldHandlersOfDifferentConfigurations() {
        LambdaRegistry withLeases = new LambdaRegistry().register(PREFLIGHT, "Preflight", () -> new Configured("leases on"),
                Duration.ofMinutes(1));
        LambdaRegistry withoutLeases = new LambdaRegistry().register(PREFLIGHT, "Preflight", () -> new Configured("leases off"),
                Duration.ofMinutes(1));

        assertThat(withLeases.handler(withLeases.find("Preflight").orElseThrow())).isEqualTo(new Configured("leases on"));
        assertThat(withoutLeases.handler(withoutLeases.find("Preflight").orElseThrow())).isEqualTo(new Configured("leases off"));
    }

    @Test
    void registeringAgainReplacesTheFactoryAndForgetsTheHandler() {
        LambdaRegistry registry = new LambdaRegistry().register(PREFLIGHT, "Preflight", () -> new Configured("before"),
                Duration.ofMinutes(1));
        registry.handler(registry.find("Preflight").orElseThrow());

        registry.register(PREFLIGHT, "Preflight", () -> new Configured("after"), Duration.ofMinutes(1));

        assertThat(registry.handler(registry.find("Preflight").orElseThrow())).isEqualTo(new Configured("after"));
    }

    @Test
    void aFactoryThatFailsIsAnInitError() {
        LambdaRegistry registry = new LambdaRegistry().register(PREFLIGHT, "dev.pim.handler.PreflightHandler", () -> {
            throw new IllegalStateException("JOURNAL_TABLE is not set");
        }, Duration.ofMinutes(1));

        assertThatThrownBy(() -> registry.handler(registry.find("Preflight").orElseThrow()))
                .isInstanceOf(LambdaRegistry.HandlerInitException.class)
                .hasMessageContaining("dev.pim.handler.PreflightHandler").hasMessageContaining("JOURNAL_TABLE is not set");
    }
}
