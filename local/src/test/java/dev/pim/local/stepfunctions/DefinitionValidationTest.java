package dev.pim.local.stepfunctions;

import dev.pim.local.stepfunctions.asl.DefinitionParser;
import dev.pim.local.stepfunctions.asl.InvalidDefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What CreateStateMachine refuses, each problem named by state and field. */
class DefinitionValidationTest {

    static Stream<Arguments> invalidDefinitions() {
        return Stream.of(
                arguments("not JSON", "{\"StartAt\": ", "INVALID_JSON_DESCRIPTION"),
                arguments("missing StartAt", "{\"States\": {\"A\": {\"Type\": \"Succeed\"}}}", "These fields are required: [StartAt] at "),
                arguments("StartAt naming no state", "{\"StartAt\": \"B\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
                        "Missing 'StartAt' target: B at /StartAt"),
                arguments("Next to an unknown state", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}""",
                        "Missing 'Next' target: Nowhere at /States/A/Next"),
                arguments("state without Next or End", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass"}}}""", "'Next' field or 'End': true at /States/A"),
                arguments("both Next and End", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "End": true}, "B": {"Type": "Succeed"}}}""",
                        "Only one of 'Next' or 'End' can be set at /States/A"),
                arguments("unknown state type", """
                        {"StartAt": "A", "States": {"A": {"Type": "Sleep", "End": true}}}""", "at /States/A/Type"),
                arguments("unknown field", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Resullt": 1, "End": true}}}""",
                        "Field \"Resullt\" is not supported at /States/A"),
                arguments("Choice without Choices", """
                        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "D"}, "D": {"Type": "Succeed"}}}""",
                        "These fields are required: [Choices] at /States/C"),
                arguments("Choice rule without Next", """
                        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "BooleanEquals": true}]}}}""",
                        "[Next] at /States/C/Choices/0"),
                arguments("nested Choice rule with Next", """
                        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Or": [{"Variable": "$.a",
                          "BooleanEquals": true, "Next": "D"}], "Next": "D"}]}, "D": {"Type": "Succeed"}}}""",
                        "Nested choice rules cannot have 'Next' at /States/C/Choices/0/Or/0/Next"),
                arguments("Choice operand of the wrong type", """
                        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a",
                          "StringEquals": 1, "Next": "D"}]}, "D": {"Type": "Succeed"}}}""",
                        "'StringEquals' must be a string at /States/C/Choices/0/StringEquals"),
                arguments("bad path syntax", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.a[", "End": true}}}""",
                        "INVALID_JSON_PATH: Invalid JSON path in field 'InputPath'"),
                arguments("ResultPath that is not a reference path", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "ResultPath": "$.a[*]", "End": true}}}""",
                        "not a valid Reference Path: it must name a single node, without '*', '..', '?', '@', ',' or ':' at /States/A/ResultPath"),
                arguments("bad Parameters path", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "a.b"}, "End": true}}}""",
                        "The value for the field 'x.$' must be a valid JSONPath"),
                arguments("unknown intrinsic function", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "States.Nope($.a)"}, "End": true}}}""",
                        "'States.Nope' is not an intrinsic function at /States/A/Parameters/x.$"),
                arguments("intrinsic with too many arguments", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "States.ArrayLength($.a, $.b)"}, "End": true}}}""",
                        "States.ArrayLength takes 1 arguments, got 2"),
                arguments("Task without Resource", """
                        {"StartAt": "T", "States": {"T": {"Type": "Task", "End": true}}}""", "[Resource] at /States/T"),
                arguments("lambda:invoke without FunctionName", """
                        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                          "Parameters": {"Payload.$": "$"}, "End": true}}}""", "\"FunctionName\" is required"),
                arguments("States.ALL not last", """
                        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                          "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}], "End": true}}}""",
                        "States.ALL must appear alone in ErrorEquals, in the last entry at /States/T/Retry/0/ErrorEquals"),
                arguments("negative MaxAttempts", """
                        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                          "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": -1}], "End": true}}}""", "/States/T/Retry/0/MaxAttempts"),
                arguments("Catch to an unknown state", """
                        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                          "Catch": [{"ErrorEquals": ["X"], "Next": "Gone"}], "End": true}}}""",
                        "Missing 'Next' target: Gone at /States/T/Catch/0/Next"),
                arguments("Wait with two durations", """
                        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}}}""",
                        "exactly one of [Seconds, SecondsPath] at /States/W"),
                arguments("Fail with Error and ErrorPath", """
                        {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}}}""",
                        "Only one of Error and ErrorPath can be set at /States/F"),
                arguments("Map processor jumping out", """
                        {"StartAt": "M", "States": {"M": {"Type": "Map", "Next": "Out", "ItemProcessor":
                          {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Out"}}}}, "Out": {"Type": "Succeed"}}}""",
                        "Missing 'Next' target: Out at /States/M/ItemProcessor/States/A/Next"),
                arguments("unreachable state", """
                        {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}""",
                        "State \"B\" is not reachable. at /States/B"),
                arguments("Map without a processor", """
                        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true}}}""",
                        "These fields are required: [ItemProcessor] at /States/M"),
                arguments("ItemBatcher on an inline Map", """
                        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemBatcher": {"MaxItemsPerBatch": 2}, "End": true,
                          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""",
                        "only supported in DISTRIBUTED mode at /States/M/ItemBatcher"),
                arguments("ItemReader", """
                        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"},
                          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""",
                        "UNSUPPORTED_FEATURE: ItemReader (S3) is not supported by the local Step Functions"),
                arguments("JSONata", """
                        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}""",
                        "UNSUPPORTED_FEATURE: QueryLanguage JSONata is not supported by the local Step Functions"));
    }

    /** What AWS runs and the local engine leaves out, because no definition of the product uses it. */
    static Stream<Arguments> unsupportedFeatures() {
        String task = "\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:f\", \"End\": true";
        String processor = "\"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"},"
                + " \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";
        return Stream.of(
                arguments("{\"P\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": []}}", "state P: Type Parallel", "/States/P/Type"),
                arguments("{\"T\": {" + task + ", \"TimeoutSeconds\": 5}}", "state T: field TimeoutSeconds", "/States/T/TimeoutSeconds"),
                arguments("{\"T\": {" + task + ", \"HeartbeatSecondsPath\": \"$.h\"}}", "state T: field HeartbeatSecondsPath",
                        "/States/T/HeartbeatSecondsPath"),
                arguments("{\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage\", \"End\": true}}",
                        "state T: Resource arn:aws:states:::sqs:sendMessage", "/States/T/Resource"),
                arguments("{\"A\": {\"Type\": \"Pass\", \"Assign\": {\"x\": 1}, \"End\": true}}", "state A: field Assign", "/States/A/Assign"),
                arguments("{\"W\": {\"Type\": \"Wait\", \"Timestamp\": \"2030-01-01T00:00:00Z\", \"End\": true}}",
                        "state W: field Timestamp", "/States/W/Timestamp"),
                arguments("{\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.n\", \"NumericEquals\": 1, \"Next\": \"D\"}]},"
                        + " \"D\": {\"Type\": \"Succeed\"}}", "state C: field NumericEquals", "/States/C/Choices/0/NumericEquals"),
                arguments("{\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Not\": {\"Variable\": \"$.a\", \"IsNull\": true}, \"Next\": \"D\"}]},"
                        + " \"D\": {\"Type\": \"Succeed\"}}", "state C: field Not", "/States/C/Choices/0/Not"),
                arguments("{\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"h.$\": \"States.Hash($.a, 'SHA-256')\"}, \"End\": true}}",
                        "state A: States.Hash (in field 'h.$')", "/States/A/Parameters/h.$"),
                arguments("{\"M\": {\"Type\": \"Map\", \"End\": true, \"ToleratedFailureCount\": 1, " + processor + "}}",
                        "state M: field ToleratedFailureCount", "/States/M/ToleratedFailureCount"),
                arguments("{\"M\": {\"Type\": \"Map\", \"End\": true, \"ItemBatcher\": {\"MaxInputBytesPerBatch\": 100}, "
                        + processor + "}}", "state M: field MaxInputBytesPerBatch", "/States/M/ItemBatcher/MaxInputBytesPerBatch"),
                arguments("{\"M\": {\"Type\": \"Map\", \"End\": true, " + processor.replace("STANDARD", "EXPRESS") + "}}",
                        "state M: field ExecutionType", "/States/M/ItemProcessor/ProcessorConfig/ExecutionType"),
                arguments("{\"M\": {\"Type\": \"Map\", \"End\": true, \"Iterator\": {\"StartAt\": \"P\", \"States\": {\"P\":"
                        + " {\"Type\": \"Pass\", \"End\": true}}}}}", "state M: field Iterator", "/States/M/Iterator"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsupportedFeatures")
    void refusesWhatTheLocalEngineLeavesOutNamingTheStateAndField(String states, String what, String pointer) {
        String definition = "{\"StartAt\": \"" + states.substring(2, 3) + "\", \"States\": " + states + "}";
        assertThatThrownBy(() -> DefinitionParser.parse(definition))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("UNSUPPORTED_FEATURE: " + what + " is not supported by the local engine at " + pointer);
    }

    @Test
    void refusesAnExecutionTimeoutSeconds() {
        assertThatThrownBy(() -> DefinitionParser.parse("""
                {"TimeoutSeconds": 60, "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"""))
                .hasMessageContaining("UNSUPPORTED_FEATURE: state (top level): field TimeoutSeconds is not supported"
                        + " by the local engine at /TimeoutSeconds");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDefinitions")
    void refuses(String what, String definition, String message) {
        assertThatThrownBy(() -> DefinitionParser.parse(definition))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: '")
                .hasMessageContaining(message);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String definition = """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "X"}, "B": {"Type": "Wait", "End": true}}}""";
        assertThatThrownBy(() -> DefinitionParser.parse(definition))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void acceptsEveryFeatureTheLocalEngineRunsInOneDefinition() {
        assertThatCode(() -> DefinitionParser.parse(Machines.resource("every-state-type.asl.json"))).doesNotThrowAnyException();
    }
}
