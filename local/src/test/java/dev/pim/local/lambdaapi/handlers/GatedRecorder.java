package dev.pim.local.lambdaapi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records the events it gets, but only once its gate is open (or after ten seconds): a caller still waiting for it
 * would see no event recorded.
 */
public final class GatedRecorder implements RequestStreamHandler {
    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    private static volatile CountDownLatch gate = new CountDownLatch(0);

    /** Closes the gate and forgets the events recorded. */
    public static void closeGate() {
        gate = new CountDownLatch(1);
        EVENTS.clear();
    }

    public static void openGate() {
        gate.countDown();
    }

    public static List<String> events() {
        return List.copyOf(EVENTS);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        try {
            gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        EVENTS.add(event);
    }
}
