package dev.pim.integration;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.time.Duration;
import java.time.Instant;

/** Waiting for executions of the local Step Functions, through its API, as a caller polls DescribeExecution. */
public final class ExecutionWaits {

    private ExecutionWaits() {
    }

    /** The execution once it is no longer RUNNING; an assertion error when it still is after {@code timeout}. */
    public static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            DescribeExecutionResponse e = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (e.status() != ExecutionStatus.RUNNING) {
                return e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(executionArn + " still running after " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }
}
