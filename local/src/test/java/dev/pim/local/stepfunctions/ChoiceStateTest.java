package dev.pim.local.stepfunctions;

import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.output;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ChoiceStateTest {
    private static final String INPUT = """
            {"s": "banana", "n": 25, "f": 2.5, "b": true, "t": "2024-03-14T01:59:00Z", "nul": null,
             "other": {"s": "cherry", "n": 25, "b": true, "t": "2024-03-14T02:00:00+01:00"}, "file": "log-*.txt"}""";

    /** A Choice with one rule: goes to Yes (result "yes") when it matches, else to the Default No ("no"). */
    private static String oneRule(String rule) {
        int lastBrace = rule.lastIndexOf('}');
        String withNext = rule.substring(0, lastBrace) + ", \"Next\": \"Yes\"" + rule.substring(lastBrace);
        return """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [%s], "Default": "No"},
                  "Yes": {"Type": "Pass", "Result": "yes", "End": true},
                  "No": {"Type": "Pass", "Result": "no", "End": true}}}""".formatted(withNext);
    }

    private static String outcome(String rule) {
        return output(oneRule(rule), INPUT).asText();
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
                arguments("{\"Variable\": \"$.s\", \"StringEquals\": \"banana\"}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"StringEquals\": \"apple\"}", "no"),
                arguments("{\"Variable\": \"$.s\", \"StringLessThan\": \"cherry\"}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"StringGreaterThan\": \"cherry\"}", "no"),
                arguments("{\"Variable\": \"$.s\", \"StringLessThanEquals\": \"banana\"}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"StringGreaterThanEquals\": \"banana\"}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"StringEqualsPath\": \"$.other.s\"}", "no"),
                arguments("{\"Variable\": \"$.s\", \"StringLessThanPath\": \"$.other.s\"}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"StringMatches\": \"ban*\"}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"StringMatches\": \"*nan*\"}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"StringMatches\": \"b*x\"}", "no"),
                arguments("{\"Variable\": \"$.file\", \"StringMatches\": \"log-\\\\*.txt\"}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"StringMatches\": \"log-\\\\*.txt\"}", "no"),
                arguments("{\"Variable\": \"$.n\", \"NumericEquals\": 25}", "yes"),
                arguments("{\"Variable\": \"$.n\", \"NumericEquals\": 25.0}", "yes"),
                arguments("{\"Variable\": \"$.n\", \"NumericLessThan\": 25}", "no"),
                arguments("{\"Variable\": \"$.f\", \"NumericLessThan\": 3}", "yes"),
                arguments("{\"Variable\": \"$.n\", \"NumericGreaterThan\": 24.5}", "yes"),
                arguments("{\"Variable\": \"$.n\", \"NumericLessThanEquals\": 25}", "yes"),
                arguments("{\"Variable\": \"$.n\", \"NumericGreaterThanEquals\": 26}", "no"),
                arguments("{\"Variable\": \"$.n\", \"NumericEqualsPath\": \"$.other.n\"}", "yes"),
                arguments("{\"Variable\": \"$.f\", \"NumericGreaterThanPath\": \"$.other.n\"}", "no"),
                arguments("{\"Variable\": \"$.f\", \"NumericLessThanEqualsPath\": \"$.n\"}", "yes"),
                arguments("{\"Variable\": \"$.b\", \"BooleanEquals\": true}", "yes"),
                arguments("{\"Variable\": \"$.b\", \"BooleanEquals\": false}", "no"),
                arguments("{\"Variable\": \"$.b\", \"BooleanEqualsPath\": \"$.other.b\"}", "yes"),
                arguments("{\"Variable\": \"$.t\", \"TimestampEquals\": \"2024-03-14T01:59:00Z\"}", "yes"),
                arguments("{\"Variable\": \"$.t\", \"TimestampLessThan\": \"2024-03-14T02:00:00Z\"}", "yes"),
                arguments("{\"Variable\": \"$.t\", \"TimestampGreaterThan\": \"2024-03-14T01:00:00Z\"}", "yes"),
                arguments("{\"Variable\": \"$.t\", \"TimestampLessThanEquals\": \"2024-03-14T01:58:59Z\"}", "no"),
                arguments("{\"Variable\": \"$.t\", \"TimestampGreaterThanEquals\": \"2024-03-14T01:59:00Z\"}", "yes"),
                arguments("{\"Variable\": \"$.t\", \"TimestampGreaterThanPath\": \"$.other.t\"}", "yes"),
                arguments("{\"Variable\": \"$.t\", \"TimestampEqualsPath\": \"$.other.t\"}", "no"),
                arguments("{\"Variable\": \"$.nul\", \"IsNull\": true}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"IsNull\": true}", "no"),
                arguments("{\"Variable\": \"$.missing\", \"IsPresent\": false}", "yes"),
                arguments("{\"Variable\": \"$.nul\", \"IsPresent\": true}", "yes"),
                arguments("{\"Variable\": \"$.f\", \"IsNumeric\": true}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"IsNumeric\": false}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"IsString\": true}", "yes"),
                arguments("{\"Variable\": \"$.b\", \"IsBoolean\": true}", "yes"),
                arguments("{\"Variable\": \"$.t\", \"IsTimestamp\": true}", "yes"),
                arguments("{\"Variable\": \"$.s\", \"IsTimestamp\": true}", "no"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("comparisons")
    void evaluatesEveryComparisonOperator(String rule, String expected) {
        assertThat(outcome(rule)).isEqualTo(expected);
    }

    static Stream<Arguments> typeMismatches() {
        return Stream.of(
                arguments("{\"Variable\": \"$.n\", \"StringEquals\": \"25\"}"),
                arguments("{\"Variable\": \"$.s\", \"NumericEquals\": 25}"),
                arguments("{\"Variable\": \"$.s\", \"BooleanEquals\": true}"),
                arguments("{\"Variable\": \"$.s\", \"TimestampEquals\": \"2024-03-14T01:59:00Z\"}"),
                arguments("{\"Variable\": \"$.n\", \"StringEqualsPath\": \"$.s\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeMismatches")
    void treatsAComparisonOfTheWrongTypeAsNoMatch(String rule) {
        assertThat(outcome(rule)).isEqualTo("no");
    }

    @Test
    void combinesRulesWithAndOrNotAsInTheSpecificationExample() {
        String definition = Machines.resource("choice-spec-example.asl.json");
        assertThat(output(definition, "{\"type\": \"Public\", \"value\": 0}").asText()).isEqualTo("Public");
        assertThat(output(definition, "{\"type\": \"Private\", \"value\": 25}").asText()).isEqualTo("ValueInTwenties");
        assertThat(output(definition, "{\"type\": \"Private\", \"value\": 30, \"rating\": 90, \"auditThreshold\": 80}")
                .asText()).isEqualTo("StartAudit");
        assertThat(output(definition, "{\"type\": \"Private\", \"value\": 30, \"rating\": 10, \"auditThreshold\": 80}")
                .asText()).isEqualTo("RecordEvent");
    }

    @Test
    void takesTheFirstMatchingChoiceInOrder() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [
                     {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "First"},
                     {"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Second"}]},
                  "First": {"Type": "Pass", "Result": "first", "End": true},
                  "Second": {"Type": "Pass", "Result": "second", "End": true}}}""";
        assertThat(output(definition, "{\"n\": 5}").asText()).isEqualTo("first");
    }

    @Test
    void failsWithNoChoiceMatchedWhenNothingMatchesAndThereIsNoDefault() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "One"}]},
                  "One": {"Type": "Succeed"}}}""";
        ExecutionRun run = run(definition, "{\"n\": 2}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void failsWithARuntimeErrorWhenTheVariableIsMissing() {
        ExecutionRun run = run(oneRule("{\"Variable\": \"$.missing\", \"StringEquals\": \"x\"}"), "{}");
        assertThat(run.error()).isEqualTo("States.Runtime");
        assertThat(run.cause()).contains("$.missing");
    }

    @Test
    void appliesInputPathAndOutputPathButKeepsTheDataOtherwise() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "InputPath": "$.inner", "OutputPath": "$.keep",
                        "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}""";
        assertThat(output(definition, "{\"inner\": {\"go\": true, \"keep\": {\"k\": 1}}}")).isEqualTo(json("{\"k\": 1}"));
    }
}
