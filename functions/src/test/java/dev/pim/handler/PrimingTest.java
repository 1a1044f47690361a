package dev.pim.handler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart priming builds what a handler's first invocation needs without a single connection out: a snapshot
 * must hold no connection and no credentials fetched before it.
 */
class PrimingTest {
    private ServerSocket endpoint;
    private final AtomicInteger connections = new AtomicInteger();

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
        System.setProperty("aws.region", "us-west-2");
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + endpoint.getLocalPort());
        System.setProperty("pim.journalTable", "pim-journal");
        HandlerEnvironment.useShared(null);
    }

    @AfterEach
    void restore() throws IOException {
        endpoint.close();
        System.clearProperty("aws.region");
        System.clearProperty("aws.endpointUrl");
        System.clearProperty("pim.journalTable");
        HandlerEnvironment.useShared(null);
    }

    @Test
    void primingBuildsTheEnvironmentAndCallsNothing() {
        PreflightHandler preflight = new PreflightHandler();
        UpdateTrustHandler updateTrust = new UpdateTrustHandler();

        Priming.prime(preflight);
        Priming.prime(updateTrust);

        assertThat(HandlerEnvironment.shared()).as("the environment is in the snapshot").isNotNull();
        assertThat(HandlerEnvironment.shared().endpoint().getPort()).isEqualTo(endpoint.getLocalPort());
        assertThat(connections).as("connections to the endpoint while priming").hasValue(0);
    }
}
