package dev.pim.local.lambdaapi;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The asynchronous ({@code Event}) invocations: each runs on a background thread of its own, as Lambda runs queued
 * events on their own execution environments; the caller has its 202 already. Counted while they run, so that a
 * test or a reset can wait for them.
 */
final class EventInvocations implements AutoCloseable {
    private final ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
    private final Object idle = new Object();
    private int running;

    void submit(Runnable invocation) {
        synchronized (idle) {
            running++;
        }
        executor.execute(() -> {
            try {
                invocation.run();
            } finally {
                synchronized (idle) {
                    running--;
                    idle.notifyAll();
                }
            }
        });
    }

    /** Waits until no asynchronous invocation is running; false if some still are after {@code timeout}. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (running > 0) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    return false;
                }
                idle.wait(leftMillis);
            }
            return true;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "lambda-event-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
