package dev.pim.local.stepfunctions.asl;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * One Retry entry. Delay before retry {@code n} (0-based) is {@code IntervalSeconds * BackoffRate^n}, capped
 * at MaxDelaySeconds, then, with FULL jitter, a random fraction of that.
 *
 * @param maxDelaySeconds null when uncapped
 * @param fullJitter      JitterStrategy FULL (the default is NONE)
 */
public record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                      Integer maxDelaySeconds, boolean fullJitter) {

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
    }

    public Duration delayBeforeRetry(int retriesSoFar, DoubleSupplier random) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retriesSoFar);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        if (fullJitter) {
            seconds = seconds * random.getAsDouble();
        }
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    }
}
