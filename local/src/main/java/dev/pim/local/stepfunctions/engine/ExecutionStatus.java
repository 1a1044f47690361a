package dev.pim.local.stepfunctions.engine;

/** The statuses DescribeExecution reports. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED;

    public boolean isFinal() {
        return this != RUNNING;
    }
}
