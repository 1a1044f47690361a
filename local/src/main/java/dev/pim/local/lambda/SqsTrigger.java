package dev.pim.local.lambda;

import java.time.Duration;
import java.util.Objects;

/**
 * What an SQS event source mapping is made of, with Lambda's limits ({@code CreateEventSourceMapping}): the queue,
 * the function it invokes, how many messages at most per invocation ({@code BatchSize}: 1 to 10,000, 10 for a FIFO
 * queue; more than 10 needs a batching window), how long to gather them ({@code MaximumBatchingWindow}: up to 300
 * seconds, none for a FIFO queue), and whether the function reports partial batch failures
 * ({@code FunctionResponseTypes: [ReportBatchItemFailures]}).
 *
 * @param functionName a function name or ARN registered with the local Step Functions' {@code lambdas()}
 */
public record SqsTrigger(String queueUrl, String functionName, int batchSize, Duration maximumBatchingWindow,
                         boolean reportBatchItemFailures) {
    public static final int DEFAULT_BATCH_SIZE = 10;
    private static final int MAX_BATCH_SIZE = 10_000;
    private static final int MAX_FIFO_BATCH_SIZE = 10;
    private static final int MAX_UNWINDOWED_BATCH_SIZE = 10;
    private static final Duration MAX_BATCHING_WINDOW = Duration.ofSeconds(300);

    public SqsTrigger {
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
        boolean fifo = queueUrl.endsWith(".fifo");
        int maxBatchSize = fifo ? MAX_FIFO_BATCH_SIZE : MAX_BATCH_SIZE;
        if (batchSize < 1 || batchSize > maxBatchSize) {
            throw new IllegalArgumentException("BatchSize must be between 1 and " + maxBatchSize + " for "
                    + (fifo ? "a FIFO" : "a standard") + " queue, got " + batchSize);
        }
        if (maximumBatchingWindow.isNegative() || maximumBatchingWindow.compareTo(MAX_BATCHING_WINDOW) > 0) {
            throw new IllegalArgumentException("MaximumBatchingWindowInSeconds must be between 0 and 300, got "
                    + maximumBatchingWindow.toSeconds());
        }
        if (fifo && !maximumBatchingWindow.isZero()) {
            throw new IllegalArgumentException("MaximumBatchingWindowInSeconds is not supported for FIFO queue "
                    + queueUrl);
        }
        if (batchSize > MAX_UNWINDOWED_BATCH_SIZE && maximumBatchingWindow.isZero()) {
            throw new IllegalArgumentException("MaximumBatchingWindowInSeconds must be greater than 0 when BatchSize"
                    + " is greater than 10, got BatchSize " + batchSize);
        }
    }

    /** Batches of up to 10, no batching window, no partial batch responses: Lambda's defaults. */
    public static SqsTrigger of(String queueUrl, String functionName) {
        return new SqsTrigger(queueUrl, functionName, DEFAULT_BATCH_SIZE, Duration.ZERO, false);
    }

    public SqsTrigger withBatchSize(int size) {
        return new SqsTrigger(queueUrl, functionName, size, maximumBatchingWindow, reportBatchItemFailures);
    }

    public SqsTrigger withMaximumBatchingWindow(Duration window) {
        return new SqsTrigger(queueUrl, functionName, batchSize, window, reportBatchItemFailures);
    }

    public SqsTrigger withReportBatchItemFailures(boolean report) {
        return new SqsTrigger(queueUrl, functionName, batchSize, maximumBatchingWindow, report);
    }
}
