package dev.pim.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.task.TaskInvoker;
import org.junit.jupiter.api.Test;

import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.output;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;

/** InputPath, Parameters, ResultSelector, ResultPath and OutputPath, in the specification's order. */
class DataFlowTest {
    /** A task that adds val1 and val2 of its input. */
    private static final TaskInvoker ADD = call -> IntNode.valueOf(
            call.parameters().get("val1").intValue() + call.parameters().get("val2").intValue());
    /** A task that returns its parameters as they reached it. */
    private static final TaskInvoker ECHO = call -> call.parameters();

    @Test
    void appliesInputPathResultPathAndOutputPathAsInTheSpecificationExample() {
        String definition = """
                {"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:add",
                  "InputPath": "$.numbers", "ResultPath": "$.sum", "OutputPath": "$", "End": true}}}""";
        String input = """
                {"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}}""";
        assertThat(output(definition, input, ADD)).isEqualTo(json("""
                {"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}, "sum": 7}"""));
    }

    @Test
    void fillsParametersFromPathsIncludingSlicesAsInTheSpecificationExample() {
        String definition = """
                {"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:echo",
                  "Parameters": {"flagged": true, "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[-3:]"}},
                  "End": true}}}""";
        assertThat(output(definition, "{\"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50]}", ECHO)).isEqualTo(json("""
                {"flagged": true, "parts": {"first": 0, "last3": [30, 40, 50]}}"""));
    }

    @Test
    void readsAndWritesBracketQuotedNamesAndArrayElementsAsReferencePaths() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$['first name']",
                  "ResultPath": "$['out put'].list[1]", "End": true}}}""";
        assertThat(output(definition, "{\"first name\": \"Ada\", \"out put\": {\"list\": [0, 1]}}")).isEqualTo(json("""
                {"first name": "Ada", "out put": {"list": [0, "Ada"]}}"""));
    }

    @Test
    void fillsPathFieldsNestedInsideArraysOfTheTemplate() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass",
                  "Parameters": {"list": [{"id.$": "$.id"}, "plain"]}, "End": true}}}""";
        assertThat(output(definition, "{\"id\": 9}")).isEqualTo(json("{\"list\": [{\"id\": 9}, \"plain\"]}"));
    }

    @Test
    void selectsFromTheRawResultWithResultSelectorBeforeResultPath() {
        String definition = """
                {"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:emr",
                  "ResultSelector": {"ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType"},
                  "ResultPath": "$.EMROutput", "End": true}}}""";
        TaskInvoker emr = call -> json("""
                {"resourceType": "elasticmapreduce", "resource": "createCluster.sync",
                 "output": {"SdkHttpMetadata": {"HttpStatusCode": 200}, "ClusterId": "AKIAIOSFODNN7EXAMPLE"}}""");
        assertThat(output(definition, "{\"cluster\": \"c1\"}", emr)).isEqualTo(json("""
                {"cluster": "c1", "EMROutput": {"ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce"}}"""));
    }

    @Test
    void nullInputPathGivesAnEmptyObjectAndNullOutputPathAnEmptyOutput() {
        String definition = """
                {"StartAt": "X", "States": {
                  "X": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:echo",
                        "InputPath": null, "ResultPath": "$.seen", "Next": "Y"},
                  "Y": {"Type": "Pass", "OutputPath": null, "End": true}}}""";
        ExecutionRun run = run(definition, "{\"a\": 1}", ECHO);
        assertThat(run.history().stream().filter(e -> e.type().equals("LambdaFunctionScheduled"))
                .map(e -> e.details().get("input").asText())).containsExactly("{}");
        assertThat(run.output()).isEqualTo(json("{}"));
    }

    @Test
    void nullResultPathDiscardsTheResultAndKeepsTheInput() {
        String definition = """
                {"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:add",
                  "ResultPath": null, "End": true}}}""";
        assertThat(output(definition, "{\"val1\": 1, \"val2\": 2}", ADD)).isEqualTo(json("{\"val1\": 1, \"val2\": 2}"));
    }

    @Test
    void resultPathCreatesMissingObjectsAndReplacesExistingValues() {
        String definition = """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Result": "deep", "ResultPath": "$.master.result.sum", "Next": "B"},
                  "B": {"Type": "Pass", "Result": [4, 5], "ResultPath": "$.master.detail", "End": true}}}""";
        assertThat(output(definition, "{\"master\": {\"detail\": [1, 2, 3]}}")).isEqualTo(json("""
                {"master": {"detail": [4, 5], "result": {"sum": "deep"}}}"""));
    }

    @Test
    void failsWithResultPathMatchFailureWhenTheInputCannotHoldTheResult() {
        String definition = """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "ResultPath": "$.a.b", "End": true}}}""";
        ExecutionRun run = run(definition, "{\"a\": \"a string\"}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.ResultPathMatchFailure");
        assertThat(run.cause()).contains("$.a.b");
    }

    @Test
    void failsWithParameterPathFailureWhenAParameterPathSelectsNothing() {
        String definition = """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "$.missing"}, "End": true}}}""";
        ExecutionRun run = run(definition, "{\"present\": 1}");
        assertThat(run.error()).isEqualTo("States.ParameterPathFailure");
        assertThat(run.cause()).contains("'$.missing'", "'x.$'", "{\"present\":1}");
    }

    @Test
    void letsCatchHandleAParameterPathFailure() {
        String definition = """
                {"StartAt": "X", "States": {
                  "X": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:echo",
                        "Parameters": {"x.$": "$.missing"}, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Pass", "End": true}}}""";
        assertThat(output(definition, "{}", ECHO).get("Error").asText()).isEqualTo("States.ParameterPathFailure");
    }

    @Test
    void failsWithARuntimeErrorThatCatchAllCannotCatchWhenInputPathSelectsNothing() {
        String definition = """
                {"StartAt": "X", "States": {
                  "X": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:echo",
                        "InputPath": "$.missing", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Succeed"}}}""";
        ExecutionRun run = run(definition, "{}", ECHO);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.Runtime");
        assertThat(run.cause()).contains("An error occurred while executing the state 'X'", "$.missing");
    }

    @Test
    void outputPathSelectsPartOfTheStateOutput() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"keep": {"k": 1}, "drop": 2},
                  "ResultPath": "$.r", "OutputPath": "$.r.keep", "End": true}}}""";
        assertThat(output(definition, "{}")).isEqualTo(json("{\"k\": 1}"));
    }

    @Test
    void exposesTheContextObjectToParameters() {
        String definition = """
                {"StartAt": "Look", "States": {"Look": {"Type": "Pass", "Parameters": {
                  "executionId.$": "$$.Execution.Id", "executionName.$": "$$.Execution.Name",
                  "executionInput.$": "$$.Execution.Input", "startTime.$": "$$.Execution.StartTime",
                  "roleArn.$": "$$.Execution.RoleArn", "machineId.$": "$$.StateMachine.Id",
                  "machineName.$": "$$.StateMachine.Name", "state.$": "$$.State.Name",
                  "entered.$": "$$.State.EnteredTime", "retries.$": "$$.State.RetryCount"}, "End": true}}}""";
        JsonNode out = output(definition, "{\"in\": true}");
        assertThat(out.get("executionId").asText()).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:test:test");
        assertThat(out.get("executionName").asText()).isEqualTo("test");
        assertThat(out.get("executionInput")).isEqualTo(json("{\"in\": true}"));
        assertThat(out.get("startTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(out.get("roleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/test");
        assertThat(out.get("machineId").asText()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:test");
        assertThat(out.get("machineName").asText()).isEqualTo("test");
        assertThat(out.get("state").asText()).isEqualTo("Look");
        assertThat(out.get("entered").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(out.get("retries").asInt()).isZero();
    }
}
