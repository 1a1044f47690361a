package dev.pim.handler;

import dev.pim.app.FunctionSettings;
import dev.pim.app.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.Lazy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart priming builds what a handler's first invocation needs without a single connection out: a snapshot
 * must hold no connection and no credentials fetched before it.
 */
class PrimingTest {
    private ServerSocket endpoint;
    private final AtomicInteger connections = new AtomicInteger();
    private Lazy<HandlerEnvironment> shared;

    @BeforeEach
    void environment() throws IOException {
        // An endpoint that counts whoever connects to it: every SDK client of the environment points at it.
        endpoint = new ServerSocket(0);
        Thread counter = new Thread(() -> {
            while (!endpoint.isClosed()) {
                try (Socket ignored = endpoint.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        counter.setDaemon(true);
        counter.start();
        FunctionSettings settings = FunctionSettings.fromVariables(Map.of("AWS_REGION", "us-west-2",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:" + endpoint.getLocalPort(), "JOURNAL_TABLE", "pim-journal")::get);
        // As on Lambda: the environment is built by the first handler that asks for it, then kept.
        shared = new Lazy<>(() -> new HandlerEnvironment(Wiring.environment(settings)));
    }

    @AfterEach
    void restore() throws IOException {
        endpoint.close();
        if (shared.hasValue()) {
            shared.getValue().execution().close();
        }
    }

    @Test
    void primingBuildsTheEnvironmentAndCallsNothing() {
        PreflightHandler preflight = new PreflightHandler(shared::getValue);
        UpdateTrustHandler updateTrust = new UpdateTrustHandler(shared::getValue);

        Priming.prime(preflight);
        Priming.prime(updateTrust);

        assertThat(shared.hasValue()).as("the environment is in the snapshot").isTrue();
        assertThat(shared.getValue().endpoint().getPort()).isEqualTo(endpoint.getLocalPort());
        assertThat(connections).as("connections to the endpoint while priming").hasValue(0);
    }
}
