package dev.pim.migration.apply;

import dev.pim.migration.port.ThrottledException;

import java.util.List;

/**
 * What a step retries on and how: the errors by name (the Lambda service's own, or a step's exception by
 * fully-qualified class name) and an exponential backoff with full jitter. Declared once here and named by
 * every step, so the state machine's copies cannot drift apart.
 *
 * @param errors          error names as the state machine sees them
 * @param intervalSeconds before the first retry
 * @param maxAttempts     retries after the first attempt
 * @param backoffRate     the factor each retry's wait grows by
 * @param maxDelaySeconds the longest wait
 */
public record RetryPolicy(List<String> errors, int intervalSeconds, int maxAttempts, double backoffRate,
                          int maxDelaySeconds) {

    /** The Lambda service's transient errors, which every Lambda task retries. */
    public static final RetryPolicy LAMBDA_SERVICE = new RetryPolicy(List.of("Lambda.ServiceException",
            "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.ClientExecutionTimeoutException",
            "Lambda.TooManyRequestsException"), 2, 6, 2, 60);

    /** Throttling that outlasted a gateway's own retries: the step runs again later, more slowly. */
    public static final RetryPolicy THROTTLED = new RetryPolicy(List.of(ThrottledException.class.getName()), 10, 8, 2, 300);

    public RetryPolicy {
        errors = List.copyOf(errors);
    }
}
