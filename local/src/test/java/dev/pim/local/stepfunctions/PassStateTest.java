package dev.pim.local.stepfunctions;

import org.junit.jupiter.api.Test;

import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.output;
import static org.assertj.core.api.Assertions.assertThat;

class PassStateTest {

    @Test
    void passesItsInputThroughWhenItHasNoResult() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";
        assertThat(output(definition, "{\"a\": 1}")).isEqualTo(json("{\"a\": 1}"));
    }

    @Test
    void placesItsResultAtResultPathInTheInput() {
        // The specification's Pass example: Result placed at $.coords.
        String definition = """
                {"StartAt": "No-op", "States": {"No-op": {"Type": "Pass",
                  "Result": {"x-datum": 0.381018, "y-datum": 622.2269926397355},
                  "ResultPath": "$.coords", "End": true}}}""";
        String input = """
                {"georefOf": "Home"}""";
        assertThat(output(definition, input)).isEqualTo(json("""
                {"georefOf": "Home", "coords": {"x-datum": 0.381018, "y-datum": 622.2269926397355}}"""));
    }

    @Test
    void replacesTheInputWithParametersWhenThereIsNoResult() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass",
                  "Parameters": {"fixed": "x", "copied.$": "$.a"}, "End": true}}}""";
        assertThat(output(definition, "{\"a\": [1, 2]}")).isEqualTo(json("{\"fixed\": \"x\", \"copied\": [1, 2]}"));
    }

    @Test
    void followsNextFromStateToState() {
        String definition = """
                {"StartAt": "One", "States": {
                  "One": {"Type": "Pass", "Result": 1, "ResultPath": "$.one", "Next": "Two"},
                  "Two": {"Type": "Pass", "Result": 2, "ResultPath": "$.two", "End": true}}}""";
        assertThat(output(definition, "{}")).isEqualTo(json("{\"one\": 1, \"two\": 2}"));
    }
}
