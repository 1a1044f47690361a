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
        Batch batch = new Batch();
        batch.add(queue.receive(trigger.batchSize(), firstWaitSeconds));
        long deadline = System.nanoTime() + trigger.maximumBatchingWindow().toNanos();
        while (!batch.messages.isEmpty() && !batch.full() && keepGathering.getAsBoolean()) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                break;
            }
            long waitSeconds = Math.min(LONGEST_POLL_SECONDS, (leftNanos + 999_999_999L) / 1_000_000_000L);
            batch.add(queue.receive(batch.room(), (int) waitSeconds));
        }
        return batch.messages;
    }

    /** What is visible now, up to a batch, without waiting and whatever the batching window. */
    List<Message> gatherVisible() {
        Batch batch = new Batch();
        while (!batch.full()) {
            List<Message> received = queue.receive(batch.room(), 0);
            if (received.isEmpty()) {
                break;
            }
            batch.add(received);
        }
        return batch.messages;
    }

    /** The messages gathered so far, and the size of their bodies. */
    private final class Batch {
        private final List<Message> messages = new ArrayList<>();
        private long bodyBytes;

        void add(List<Message> received) {
            messages.addAll(received);
            received.forEach(m -> bodyBytes += m.body().getBytes(StandardCharsets.UTF_8).length);
        }

        int room() {
            return trigger.batchSize() - messages.size();
        }

        boolean full() {
            return room() <= 0 || bodyBytes >= MAX_PAYLOAD_BYTES;
        }
    }
}
