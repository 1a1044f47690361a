package dev.pim.local.lambda;

/**
 * How a drain ended.
 *
 * @param invocations      how many times the function was invoked
 * @param messagesDeleted  messages the function processed, deleted from the queue (each once)
 * @param failedDeliveries deliveries of a message that failed (a message failing three times counts three)
 * @param messagesLeft     messages still in the queue (those that keep failing, for {@link Ending#ONLY_FAILING_MESSAGES_LEFT})
 */
public record DrainResult(int invocations, int messagesDeleted, int failedDeliveries, int messagesLeft, Ending ending) {

    public enum Ending {
        /** The queue holds no message: processed, or moved to its dead-letter queue. */
        EMPTY,
        /**
         * The queue has no redrive policy and every message left in it failed at least three times: they would
         * come back forever.
         */
        ONLY_FAILING_MESSAGES_LEFT
    }
}
