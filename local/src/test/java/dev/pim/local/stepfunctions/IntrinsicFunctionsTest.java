package dev.pim.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.output;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The intrinsic functions the product's definitions call, with examples from the AWS documentation. */
class IntrinsicFunctionsTest {
    private static final String INPUT = """
            {"name": "Arnav", "list": [1, 2, 3, 4, 5, 6, 7, 8, 9], "json1": {"a": {"a1": 1, "a2": 2}, "b": 2}}""";

    /** A Pass state whose Parameters hold {@code "value.$": <expression>}. */
    private static String passWith(String expression) {
        return """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"value.$": %s}, "End": true}}}"""
                .formatted(Json.write(TextNode.valueOf(expression)));
    }

    private static JsonNode evaluate(String expression) {
        return output(passWith(expression), INPUT).get("value");
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                arguments("States.Format('Hello, my name is {}.', $.name)", "\"Hello, my name is Arnav.\""),
                arguments("States.Format('{} has {} items and a literal \\{\\}', $.name, States.ArrayLength($.list))",
                        "\"Arnav has 9 items and a literal {}\""),
                arguments("States.JsonToString($.json1)", "\"{\\\"a\\\":{\\\"a1\\\":1,\\\"a2\\\":2},\\\"b\\\":2}\""),
                arguments("States.ArrayLength($.list)", "9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void evaluates(String expression, String expected) {
        assertThat(evaluate(expression)).isEqualTo(json(expected));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments("States.Format('{} and {}', $.name)", "placeholders"),
                arguments("States.ArrayLength($.name)", "array"),
                arguments("States.ArrayLength($.missing)", "could not be found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsWithIntrinsicFailure(String expression, String reason) {
        ExecutionRun run = run(passWith(expression), INPUT);
        assertThat(run.error()).isEqualTo("States.IntrinsicFailure");
        assertThat(run.cause()).contains(reason);
    }
}
