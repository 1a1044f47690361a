package dev.pim.local.lambda;

import dev.pim.local.clock.LocalClock;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One SQS event source mapping: a queue polled for batches that invoke one in-process function. Created stopped;
 * {@link #start} runs it in the background until {@link #stop}, and {@link #drain} runs it on the caller's thread
 * until the queue is settled (for tests).
 *
 * <p>The background poller long-polls for one second at a time, not the twenty seconds Lambda's pollers use: a
 * receive cannot be called back once sent (the messages it gets are hidden from everyone else), so {@link #stop}
 * waits for the one in flight, and should not wait long. An idle mapping thus makes one {@code ReceiveMessage}
 * call a second, counted like any other.
 */
public final class SqsEventSourceMapping {
    private static final int POLL_WAIT_SECONDS = 1;
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(5);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final String uuid;
    private final SqsTrigger trigger;
    private final SqsQueue queue;
    private final BatchGatherer gatherer;
    private final BatchRunner runner;
    private final LocalClock clock;
    private Thread poller;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);

    SqsEventSourceMapping(String uuid, SqsTrigger trigger, SqsQueue queue, BatchRunner runner, LocalClock clock) {
        this.uuid = uuid;
        this.trigger = trigger;
        this.queue = queue;
        this.gatherer = new BatchGatherer(queue, trigger);
        this.runner = runner;
        this.clock = clock;
    }

    public String uuid() {
        return uuid;
    }

    public SqsTrigger trigger() {
        return trigger;
    }

    /** {@code arn:aws:sqs:...} of the queue, as Lambda's {@code EventSourceArn}. */
    public String eventSourceArn() {
        return queue.arn();
    }

    /** Starts polling in the background (nothing happens if it is already running). */
    public synchronized void start() {
        if (running()) {
            return;
        }
        CountDownLatch signal = new CountDownLatch(1);
        stopSignal = signal;
        poller = new Thread(() -> pollUntil(signal), "sqs-event-source-" + trigger.functionName());
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * Stops polling; returns once the batch in progress, if any, is done (its messages deleted or left as the
     * function's result says), and the receive in flight has returned (what it got is made visible again).
     */
    public synchronized void stop() {
        stopSignal.countDown();
        if (poller == null) {
            return;
        }
        try {
            poller.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (poller.isAlive()) {
            System.err.println("[sqs event source mapping " + uuid + "] still busy after " + STOP_WAIT
                    + ": left running in the background until its batch is done");
        }
        poller = null;
    }

    public synchronized boolean running() {
        return poller != null && poller.isAlive();
    }

    /**
     * Runs batches on this thread until the queue is empty, or (without a redrive policy) only messages that keep
     * failing are left; moves the emulator's clock forward over visibility timeouts instead of sleeping. The
     * mapping must be stopped.
     *
     * @param timeout how long (of real time) to try before giving up
     * @throws IllegalStateException when the mapping is running, or the queue did not settle in time
     */
    public synchronized DrainResult drain(Duration timeout) {
        if (running()) {
            throw new IllegalStateException("the event source mapping " + uuid + " of " + queue.url()
                    + " is running: stop it before draining its queue");
        }
        return new Drain(queue, gatherer, runner, clock).run(timeout);
    }

    private void pollUntil(CountDownLatch signal) {
        Duration backoff = Duration.ZERO;
        while (signal.getCount() > 0) {
            try {
                List<Message> batch = gatherer.gather(POLL_WAIT_SECONDS, () -> signal.getCount() > 0);
                if (signal.getCount() == 0) {
                    queue.release(batch);
                } else if (!batch.isEmpty()) {
                    runner.run(batch);
                }
                backoff = Duration.ZERO;
            } catch (RuntimeException e) {
                if (signal.getCount() == 0) {
                    return;
                }
                backoff = backoff.isZero() ? Duration.ofMillis(100) : min(backoff.multipliedBy(2), LONGEST_BACKOFF);
                System.err.println("[sqs event source mapping " + uuid + "] polling " + queue.url() + " failed, retrying in "
                        + backoff.toMillis() + " ms: " + e);
                await(signal, backoff);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void await(CountDownLatch signal, Duration backoff) {
        try {
            signal.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signal.countDown();
        }
    }
}
