package dev.pim.local.lambda;

import dev.pim.local.clock.LocalClock;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a mapping's batches on the caller's thread until the queue is settled, so that tests need not sleep: the
 * queue is empty, or (without a redrive policy) only messages that keep failing are left. When the only messages
 * left are in flight (failed ones waiting out their visibility timeout, delayed ones), the emulator's clock, which
 * ElasticMQ keeps time by, is moved forward to when the next of them is visible again, as the local Step
 * Functions moves it through Wait states. With a redrive policy, messages that keep failing move to the
 * dead-letter queue after {@code maxReceiveCount} receives, and the queue ends empty.
 */
final class Drain {
    /** Without a redrive policy, a message that failed this many times is taken to fail forever. */
    static final int FAILURES_BEFORE_STUCK = 3;
    /** The least the clock moves when the drain knows of no message of its own coming back. */
    private static final Duration LEAST_STEP = Duration.ofSeconds(1);

    private final SqsQueue queue;
    private final BatchGatherer gatherer;
    private final BatchRunner runner;
    private final LocalClock clock;
    /** The messages that failed and are still in the queue, as far as the drain knows. */
    private final Map<String, Failing> failing = new HashMap<>();
    private int invocations;
    private int deleted;
    private int failedDeliveries;

    private record Failing(int failures, Instant visibleAgainAt) {
    }

    Drain(SqsQueue queue, BatchGatherer gatherer, BatchRunner runner, LocalClock clock) {
        this.queue = queue;
        this.gatherer = gatherer;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when the queue has not settled after {@code timeout} (of real time)
     */
    DrainResult run(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration visibilityTimeout = queue.state().visibilityTimeout();
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the queue " + queue.url() + " did not settle within " + timeout + ": "
                        + queue.state().messages() + " message(s) left after " + invocations + " invocation(s)");
            }
            Instant receivedAt = clock.now();
            List<Message> batch = gatherer.gatherVisible();
            if (!batch.isEmpty()) {
                record(runner.run(batch), receivedAt.plus(visibilityTimeout));
                continue;
            }
            SqsQueue.QueueState state = queue.state();
            if (state.messages() == 0) {
                return result(0, DrainResult.Ending.EMPTY);
            }
            if (!state.redrivePolicy() && onlyStuckMessagesLeft(state.messages())) {
                return result(state.messages(), DrainResult.Ending.ONLY_FAILING_MESSAGES_LEFT);
            }
            clock.advance(untilNextVisible(visibilityTimeout));
        }
    }

    private void record(BatchRunner.Outcome outcome, Instant visibleAgainAt) {
        invocations++;
        deleted += outcome.deleted().size();
        failedDeliveries += outcome.failed().size();
        outcome.deleted().forEach(m -> failing.remove(m.messageId()));
        outcome.failed().forEach(m -> failing.merge(m.messageId(), new Failing(1, visibleAgainAt),
                (before, now) -> new Failing(before.failures() + 1, visibleAgainAt)));
    }

    private boolean onlyStuckMessagesLeft(int messagesLeft) {
        return failing.values().stream().filter(f -> f.failures() >= FAILURES_BEFORE_STUCK).count() >= messagesLeft;
    }

    /**
     * Until the next failed message is visible again; when none of them is hidden (what is left was received by
     * someone else, or is delayed), by the queue's visibility timeout.
     */
    private Duration untilNextVisible(Duration visibilityTimeout) {
        Instant now = clock.now();
        return failing.values().stream().map(Failing::visibleAgainAt).filter(now::isBefore).min(Instant::compareTo)
                .map(next -> Duration.between(now, next))
                .orElse(visibilityTimeout.compareTo(LEAST_STEP) > 0 ? visibilityTimeout : LEAST_STEP);
    }

    private DrainResult result(int messagesLeft, DrainResult.Ending ending) {
        return new DrainResult(invocations, deleted, failedDeliveries, messagesLeft, ending);
    }
}
