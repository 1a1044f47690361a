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
                        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true}]}}}""",
                        "[Next] at /States/C/Choices/0"),
                arguments("nested Choice rule with Next", """
                        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.a",
                          "IsNull": true, "Next": "D"}, "Next": "D"}]}, "D": {"Type": "Succeed"}}}""",
                        "Nested choice rules cannot have 'Next' at /States/C/Choices/0/Not/Next"),
                arguments("Choice operand of the wrong type", """
                        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a",
                          "NumericEquals": "1", "Next": "D"}]}, "D": {"Type": "Succeed"}}}""",
                        "'NumericEquals' must be a number at /States/C/Choices/0/NumericEquals"),
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
                arguments("fractional TimeoutSeconds", """
                        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                          "TimeoutSeconds": 1.5, "End": true}}}""", "Expected an integer from 1 to 99999999 at /States/T/TimeoutSeconds"),
                arguments("Catch to an unknown state", """
                        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                          "Catch": [{"ErrorEquals": ["X"], "Next": "Gone"}], "End": true}}}""",
                        "Missing 'Next' target: Gone at /States/T/Catch/0/Next"),
                arguments("Wait with two durations", """
                        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}}}""",
                        "exactly one of [Seconds, Timestamp, SecondsPath, TimestampPath] at /States/W"),
                arguments("Fail with Error and ErrorPath", """
                        {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}}}""",
                        "Only one of Error and ErrorPath can be set at /States/F"),
                arguments("Parallel branch jumping out", """
                        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                          {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Out"}}}]}, "Out": {"Type": "Succeed"}}}""",
                        "Missing 'Next' target: Out at /States/P/Branches/0/States/A/Next"),
                arguments("unreachable state", """
                        {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}""",
                        "State \"B\" is not reachable. at /States/B"),
                arguments("Map without a processor", """
                        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true}}}""",
                        "exactly one of 'ItemProcessor' and 'Iterator' at /States/M"),
                arguments("tolerated failures on an inline Map", """
                        {"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailureCount": 1, "End": true,
                          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""",
                        "only supported in DISTRIBUTED mode at /States/M/ToleratedFailureCount"),
                arguments("ItemReader", """
                        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"},
                          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""",
                        "UNSUPPORTED_FEATURE: ItemReader (S3) is not supported by the local Step Functions"),
                arguments("JSONata", """
                        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}""",
                        "UNSUPPORTED_FEATURE: QueryLanguage JSONata is not supported by the local Step Functions"));
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
    void acceptsEveryStateTypeInOneDefinition() {
        assertThatCode(() -> DefinitionParser.parse(Machines.resource("every-state-type.asl.json"))).doesNotThrowAnyException();
    }
}
