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
                arguments("{\"Variable\": \"$.b\", \"BooleanEquals\": true}", "yes"),
                arguments("{\"Variable\": \"$.b\", \"BooleanEquals\": false}", "no"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("comparisons")
    void evaluatesTheComparisonOperatorsTheProductUses(String rule, String expected) {
        assertThat(outcome(rule)).isEqualTo(expected);
    }

    static Stream<Arguments> typeMismatches() {
        return Stream.of(
                arguments("{\"Variable\": \"$.n\", \"StringEquals\": \"25\"}"),
                arguments("{\"Variable\": \"$.s\", \"BooleanEquals\": true}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeMismatches")
    void treatsAComparisonOfTheWrongTypeAsNoMatch(String rule) {
        assertThat(outcome(rule)).isEqualTo("no");
    }

    @Test
    void matchesAnOrWhenAnyOfItsRulesMatches() {
        String rule = """
                {"Or": [{"Variable": "$.s", "StringEquals": "apple"}, {"Variable": "$.s", "StringEquals": "banana"}]}""";
        assertThat(outcome(rule)).isEqualTo("yes");
        assertThat(outcome(rule.replace("banana", "cherry"))).isEqualTo("no");
    }

    @Test
    void takesTheFirstMatchingChoiceInOrder() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [
                     {"Variable": "$.go", "BooleanEquals": true, "Next": "First"},
                     {"Variable": "$.s", "StringEquals": "x", "Next": "Second"}]},
                  "First": {"Type": "Pass", "Result": "first", "End": true},
                  "Second": {"Type": "Pass", "Result": "second", "End": true}}}""";
        assertThat(output(definition, "{\"go\": true, \"s\": \"x\"}").asText()).isEqualTo("first");
    }

    @Test
    void failsWithNoChoiceMatchedWhenNothingMatchesAndThereIsNoDefault() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "StringEquals": "one", "Next": "One"}]},
                  "One": {"Type": "Succeed"}}}""";
        ExecutionRun run = run(definition, "{\"n\": \"two\"}");
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
