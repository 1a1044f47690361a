package dev.pim.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How the SDK clients pace their calls. Writes: the SDK's adaptive retry strategy (retry mode {@code adaptive}),
 * whose client-side rate limiter starts open, and on the first throttled answer sends no faster than the rate the
 * service has been answering, then probes upwards (CUBIC); writes that hit an API family's limit wait on the
 * client instead of being sent, refused and retried, so throttled attempts stay a small fraction. The limiter
 * paces every call of the client it is on, so reads get clients of their own with the standard strategy.
 */
public final class WritePacing {
    private WritePacing() {
    }

    /** The adaptive strategy with {@code maxAttempts} attempts per call (the engine's {@link Backoff} takes over after). */
    public static RetryStrategy adaptive(int maxAttempts) {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
    }

    /** The standard strategy (backoff on throttling and transient errors, no rate limiter) for unpaced clients. */
    public static RetryStrategy standard(int maxAttempts) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
    }
}
