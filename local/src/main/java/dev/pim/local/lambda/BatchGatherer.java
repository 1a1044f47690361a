package dev.pim.local.lambda;

import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Gathers one batch from the queue as Lambda's poller does: until the batch size is reached, the batching window
 * has passed, or the event would pass Lambda's 6 MB invocation payload.
 */
final class BatchGatherer {
    private static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;
    private static final long LONGEST_POLL_SECONDS = 20;

    private final SqsQueue queue;
    private final SqsTrigger trigger;

    BatchGatherer(SqsQueue queue, SqsTrigger trigger) {
        this.queue = queue;
        this.trigger = trigger;
    }

    /**
     * Waits up to {@code firstWaitSeconds} for a first message; then, with a batching window, goes on receiving
     * for the window (of real time) while {@code keepGathering} holds. Empty when nothing came.
     */
    List<Message> gather(int firstWaitSeconds, BooleanSupplier keepGathering) {
        List<Message> batch = new ArrayList<>(queue.receive(trigger.batchSize(), firstWaitSeconds));
        long deadline = System.nanoTime() + trigger.maximumBatchingWindow().toNanos();
        while (!batch.isEmpty() && !full(batch) && keepGathering.getAsBoolean()) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                break;
            }
            long waitSeconds = Math.min(LONGEST_POLL_SECONDS, (leftNanos + 999_999_999L) / 1_000_000_000L);
            batch.addAll(queue.receive(trigger.batchSize() - batch.size(), (int) waitSeconds));
        }
        return batch;
    }

    /** What is visible now, up to a batch, without waiting and whatever the batching window. */
    List<Message> gatherVisible() {
        List<Message> batch = new ArrayList<>();
        while (!full(batch)) {
            List<Message> received = queue.receive(trigger.batchSize() - batch.size(), 0);
            if (received.isEmpty()) {
                break;
            }
            batch.addAll(received);
        }
        return batch;
    }

    private boolean full(List<Message> batch) {
        long bytes = batch.stream().mapToLong(m -> m.body().getBytes(StandardCharsets.UTF_8).length).sum();
        return batch.size() >= trigger.batchSize() || bytes >= MAX_PAYLOAD_BYTES;
    }
}
