package dev.pim.local.fault;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectorTest {
    private final AtomicLong nanos = new AtomicLong();
    private final FaultInjector faults = new FaultInjector(nanos::get);
    private static final Operation GET_ROLE = new Operation("iam", "GetRole", false, () -> HttpResponse.json(200, "{}"));
    private static final Operation UPDATE = new Operation("iam", "UpdateAssumeRolePolicy", true, () -> HttpResponse.json(200, "{}"));

    @Test
    void rateLimitLetsTheBurstThroughThenThrottlesUntilTokensRefill() {
        faults.rateLimit("iam:write", 2, 3);
        for (int i = 0; i < 3; i++) {
            faults.beforeCall(UPDATE);
        }
        assertThatThrownBy(() -> faults.beforeCall(UPDATE))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.kind()).isEqualTo(ApiError.Kind.THROTTLED));
        assertThatCode(() -> faults.beforeCall(GET_ROLE)).as("reads are another family").doesNotThrowAnyException();
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThatCode(() -> faults.beforeCall(UPDATE)).as("one token refilled after 0.5 s at 2/s").doesNotThrowAnyException();
        assertThatThrownBy(() -> faults.beforeCall(UPDATE)).isInstanceOf(ApiError.class);
        assertThat(faults.throttledCalls()).isEqualTo(2);
        assertThat(faults.throttledByOperation()).as("the bench subtracts them per operation")
                .containsExactlyEntriesOf(java.util.Map.of("iam:UpdateAssumeRolePolicy", 2L));
        faults.reset();
        assertThat(faults.throttledByOperation()).isEmpty();
    }

    @Test
    void errorRuleFiresOnTheKthCallOnly() {
        faults.error(ErrorRule.onCall("iam:GetRole", 2).answering("ServiceFailure", 500, "boom"));
        assertThatCode(() -> faults.beforeCall(GET_ROLE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> faults.beforeCall(GET_ROLE))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.kind()).isEqualTo(ApiError.Kind.INJECTED);
                    assertThat(e.code()).isEqualTo("ServiceFailure");
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).isEqualTo("boom");
                });
        assertThatCode(() -> faults.beforeCall(GET_ROLE)).doesNotThrowAnyException();
        assertThatCode(() -> faults.beforeCall(UPDATE)).as("other operations unaffected").doesNotThrowAnyException();
    }

    @Test
    void probabilisticErrorsAreRepeatableWithASeed() {
        int first = failuresOutOf(200, 7);
        int second = failuresOutOf(200, 7);
        assertThat(first).isEqualTo(second).isBetween(60, 140);
    }

    private int failuresOutOf(int calls, long seed) {
        FaultInjector f = new FaultInjector(nanos::get).seed(seed).error(ErrorRule.withProbability("iam:GetRole", 0.5));
        int failures = 0;
        for (int i = 0; i < calls; i++) {
            try {
                f.beforeCall(GET_ROLE);
            } catch (ApiError e) {
                failures++;
            }
        }
        return failures;
    }

    @Test
    void timesLimitsHowOftenARuleFires() {
        faults.error(ErrorRule.withProbability("iam:GetRole", 1.0).times(2));
        assertThatThrownBy(() -> faults.beforeCall(GET_ROLE)).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> faults.beforeCall(GET_ROLE)).isInstanceOf(ApiError.class);
        assertThatCode(() -> faults.beforeCall(GET_ROLE)).doesNotThrowAnyException();
    }

    @Test
    void crashAfterTheKthMutatingCallFailsEverythingUntilReset() {
        faults.crashAfterMutatingCalls(2);
        faults.beforeCall(UPDATE);
        faults.afterSuccess(UPDATE);
        faults.beforeCall(GET_ROLE);
        faults.afterSuccess(GET_ROLE);
        assertThat(faults.crashed()).as("reads do not count").isFalse();
        faults.beforeCall(UPDATE);
        faults.afterSuccess(UPDATE);
        assertThat(faults.crashed()).isTrue();
        assertThatThrownBy(() -> faults.beforeCall(GET_ROLE))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.kind()).isEqualTo(ApiError.Kind.CRASHED));
        faults.reset();
        assertThatCode(() -> faults.beforeCall(GET_ROLE)).doesNotThrowAnyException();
    }

    @Test
    void latencyIsPerOperationOrGlobal() {
        faults.latency(Duration.ofMillis(20)).latency("iam:GetRole", Duration.ofMillis(50));
        assertThat(faults.latencyFor(GET_ROLE)).isEqualTo(Duration.ofMillis(50));
        assertThat(faults.latencyFor(UPDATE)).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> faults.rateLimit("iam", 1, 1)).hasMessageContaining("'iam:read'");
        assertThatThrownBy(() -> faults.crashAfterMutatingCalls(0)).hasMessageContaining("k >= 1");
        assertThatThrownBy(() -> ErrorRule.withProbability("GetRole", 0.5)).hasMessageContaining("iam:GetRole");
        assertThatThrownBy(() -> faults.latency(Duration.ofMillis(-1))).hasMessageContaining("negative");
    }
}
