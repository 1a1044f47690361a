package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an execution is: its identity (which the context object exposes as {@code $$.Execution} and
 * {@code $$.StateMachine}) and its input.
 *
 * @param region    where the state machine lives; Task states run there
 * @param accountId the state machine's account
 */
public record ExecutionSpec(String executionArn, String name, String stateMachineArn, String stateMachineName,
                            String roleArn, String region, String accountId, JsonNode input) {

    /** An execution outside any API: the interpreter run directly (tests, tools). */
    public static ExecutionSpec adHoc(String name, JsonNode input) {
        String account = "123456789012";
        String region = "us-east-1";
        String machine = "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
        return new ExecutionSpec("arn:aws:states:" + region + ":" + account + ":execution:" + name + ":" + name,
                name, machine, name, "arn:aws:iam::" + account + ":role/" + name, region, account, input);
    }
}
