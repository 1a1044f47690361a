package dev.pim.local.lambda;

import java.time.Duration;

/**
 * A Lambda function the local Step Functions can invoke: its name and ARN, and the Java handler class that
 * implements it.
 *
 * @param timeout what the handler's {@code Context.getRemainingTimeInMillis()} counts down from (the function's
 *                configured timeout)
 */
public record LambdaFunction(String name, String arn, String handlerClass, Duration timeout, int memoryMb) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    /** The pipeline's functions' MemorySize (template.yaml, Globals). */
    public static final int DEFAULT_MEMORY_MB = 1024;
}
