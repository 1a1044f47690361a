package dev.pim.local.stepfunctions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Holds its execution inside a Task until the test opens the gate (at most 10 s). */
public final class GateHandler implements RequestHandler<Object, String> {
    public static final AtomicReference<CountDownLatch> GATE = new AtomicReference<>(new CountDownLatch(1));

    public static void close() {
        GATE.set(new CountDownLatch(1));
    }

    public static void open() {
        GATE.get().countDown();
    }

    @Override
    public String handleRequest(Object input, Context context) {
        try {
            return GATE.get().await(10, TimeUnit.SECONDS) ? "opened" : "gave up";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
