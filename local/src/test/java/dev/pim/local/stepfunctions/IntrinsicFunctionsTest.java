package dev.pim.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.output;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each intrinsic function, with examples from the AWS documentation where it gives them. */
class IntrinsicFunctionsTest {
    private static final String INPUT = """
            {"name": "Arnav", "id": 123456, "list": [1, 2, 3, 4, 5, 6, 7, 8, 9], "dupes": [1, 2, 3, 3, 3, 3, 3, 3, 4],
             "inputString": "This.is+a,test=string", "splitter": ".+,=", "encoded": "RGF0YSB0byBlbmNvZGU=",
             "json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3},
             "escaped": "{\\"arguments\\":\\"example\\"}", "nested": {"arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/recipe/1.2.3"}}""";

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
                arguments("States.StringToJson($.escaped)", "{\"arguments\": \"example\"}"),
                arguments("States.JsonToString($.json1)", "\"{\\\"a\\\":{\\\"a1\\\":1,\\\"a2\\\":2},\\\"b\\\":2}\""),
                arguments("States.Array('Foo', 2020, $.id, true, null)", "[\"Foo\", 2020, 123456, true, null]"),
                arguments("States.Array()", "[]"),
                arguments("States.ArrayPartition($.list, 4)", "[[1, 2, 3, 4], [5, 6, 7, 8], [9]]"),
                arguments("States.ArrayContains($.list, 5)", "true"),
                arguments("States.ArrayContains($.list, 10)", "false"),
                arguments("States.ArrayRange(1, 9, 2)", "[1, 3, 5, 7, 9]"),
                arguments("States.ArrayRange(10, 0, -5)", "[10, 5, 0]"),
                arguments("States.ArrayGetItem($.list, 5)", "6"),
                arguments("States.ArrayLength($.list)", "9"),
                arguments("States.ArrayUnique($.dupes)", "[1, 2, 3, 4]"),
                arguments("States.Base64Encode('Data to encode')", "\"RGF0YSB0byBlbmNvZGU=\""),
                arguments("States.Base64Decode($.encoded)", "\"Data to encode\""),
                arguments("States.Hash('input data', 'MD5')", "\"812f45842bc6d66ee14572ce20db8e86\""),
                arguments("States.Hash('input data', 'SHA-1')", "\"aaff4a450a104cd177d28d18d74485e8cae074b7\""),
                arguments("States.Hash('input data', 'SHA-256')", sha("SHA-256")),
                arguments("States.Hash('input data', 'SHA-384')", sha("SHA-384")),
                arguments("States.Hash('input data', 'SHA-512')", sha("SHA-512")),
                arguments("States.JsonMerge($.json1, $.json2, false)", "{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}"),
                arguments("States.MathRandom(1, 999, 7)", "\"same-seed\""),
                arguments("States.MathAdd(111, -1)", "110"),
                arguments("States.MathAdd($.id, 1)", "123457"),
                arguments("States.StringSplit($.inputString, $.splitter)", "[\"This\", \"is\", \"a\", \"test\", \"string\"]"),
                arguments("States.StringSplit('1,2,,3', ',')", "[\"1\", \"2\", \"3\"]"),
                arguments("States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
                        + "States.StringSplit($.nested.arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit("
                        + "States.ArrayGetItem(States.StringSplit($.nested.arn, '/'), 2), '.'), 1), $$.State.Name)",
                        "\"1.2.P\""));
    }

    /** The JDK's digest of "input data", as a JSON string: an oracle independent of the function under test. */
    private static String sha(String algorithm) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest("input data".getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void evaluates(String expression, String expected) {
        JsonNode value = evaluate(expression);
        if (expected.equals("\"same-seed\"")) {
            assertThat(value.asInt()).isBetween(1, 999);
            assertThat(evaluate(expression)).isEqualTo(value);
        } else {
            assertThat(value).isEqualTo(json(expected));
        }
    }

    @Test
    void generatesVersionFourUuids() {
        assertThat(evaluate("States.UUID()").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void drawsRandomNumbersWithinTheRange() {
        for (int i = 0; i < 20; i++) {
            assertThat(evaluate("States.MathRandom(5, 7)").asInt()).isBetween(5, 7);
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments("States.ArrayGetItem($.list, 9)", "out of bounds"),
                arguments("States.ArrayPartition($.list, 0)", "positive"),
                arguments("States.ArrayRange(1, 2000, 1)", "1000"),
                arguments("States.ArrayRange(1, 5, 0)", "step"),
                arguments("States.StringToJson($.name)", "not JSON"),
                arguments("States.Format('{} and {}', $.name)", "placeholders"),
                arguments("States.Hash($.name, 'SHA-3')", "algorithm"),
                arguments("States.JsonMerge($.json1, $.json2, true)", "shallow"),
                arguments("States.MathAdd($.name, 1)", "integer"),
                arguments("States.ArrayLength($.name)", "array"),
                arguments("States.Base64Decode('%%%')", "Base64"),
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
