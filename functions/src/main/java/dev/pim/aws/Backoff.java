package dev.pim.aws;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.pim.migration.port.RoleNotYetUsableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryUtils;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The engine's own retries, on top of the SDK's: throttling never fails a run (a long backoff with jitter
 * after the SDK's few quick attempts), and IAM's eventual consistency ("role does not exist", "trust policy
 * is invalid" right after a change) is waited out for a bounded time.
 */
public final class Backoff {
    private final RetryPolicy<Object> throttling;
    private final RetryPolicy<Object> propagation;

    public Backoff(Duration initialDelay, Duration maxDelay, int throttleRetries, Duration propagationWait) {
        this.throttling = RetryPolicy.builder()
                .handleIf((dev.failsafe.function.CheckedPredicate<Throwable>) Backoff::isThrottling)
                .withBackoff(initialDelay, maxDelay)
                .withJitter(0.25)
                .withMaxRetries(throttleRetries)
                .build();
        this.propagation = RetryPolicy.builder()
                .handle(RoleNotYetUsableException.class)
                .withBackoff(initialDelay, maxDelay)
                .withMaxDuration(propagationWait)
                .withMaxRetries(-1)
                .build();
    }

    /** Production settings: up to ~20 throttled retries capped at 20 s apart; 2 minutes for IAM propagation. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(20), 20, Duration.ofMinutes(2));
    }

    /** Runs a call, retrying throttling. */
    public <T> T call(Supplier<T> call) {
        return unwrap(() -> Failsafe.with(throttling).get(call::get));
    }

    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** Runs a call, retrying throttling and IAM propagation errors. */
    public <T> T callWaitingForPropagation(Supplier<T> call) {
        return unwrap(() -> Failsafe.with(propagation, throttling).get(call::get));
    }

    private static <T> T unwrap(Supplier<T> call) {
        try {
            return call.get();
        } catch (FailsafeException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    public static boolean isThrottling(Throwable e) {
        return e instanceof SdkException sdk && RetryUtils.isThrottlingException(sdk)
                || e instanceof dev.pim.migration.port.ThrottledException;
    }
}
