package dev.pim.aws;

import dev.pim.fleet.Executions;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

/** {@link Executions} of the cluster state machine over the SDK's Step Functions client. */
public final class StepFunctionsExecutions implements Executions {
    private final SfnClient sfn;
    private final String stateMachineArn;
    private final Backoff backoff;

    public StepFunctionsExecutions(SfnClient sfn, String stateMachineArn, Backoff backoff) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
        this.backoff = backoff;
    }

    @Override
    public int running(int cap) {
        int count = 0;
        String next = null;
        do {
            String token = next;
            ListExecutionsResponse page = backoff.call(() -> sfn.listExecutions(r -> r.stateMachineArn(stateMachineArn)
                    .statusFilter(ExecutionStatus.RUNNING).maxResults(Math.min(cap, 1000)).nextToken(token)));
            count += page.executions().size();
            next = page.nextToken();
        } while (next != null && count < cap);
        return count;
    }

    /**
     * Step Functions answers a start of a running execution's name and input as if it had started it, so an
     * existing execution is looked up first: a duplicate is then reported as one.
     */
    @Override
    public Started start(String name, String input) {
        String executionArn = stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + name;
        try {
            backoff.call(() -> sfn.describeExecution(r -> r.executionArn(executionArn)));
            return Started.ALREADY_EXISTS;
        } catch (ExecutionDoesNotExistException e) {
            // The usual case: start it.
        }
        try {
            backoff.call(() -> sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(input)));
            return Started.STARTED;
        } catch (ExecutionAlreadyExistsException e) {
            return Started.ALREADY_EXISTS;
        }
    }
}
