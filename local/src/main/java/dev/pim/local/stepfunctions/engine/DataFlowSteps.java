package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.asl.DataFlow;
import dev.pim.local.stepfunctions.asl.ResultPath;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.json.JsonPathExpr;
import dev.pim.local.stepfunctions.json.PathNotFoundException;

/** The specification's input and output processing, step by step. */
final class DataFlowSteps {
    private DataFlowSteps() {
    }

    /** InputPath: a null InputPath gives {@code {}}. */
    static JsonNode selectInput(DataFlow io, StateVisit visit) {
        return select(io.inputPath(), visit.rawInput(), visit, "InputPath");
    }

    /** InputPath, then Parameters: what the state works on, within the payload quota. */
    static JsonNode effectiveInput(DataFlow io, StateVisit visit) {
        JsonNode input = selectInput(io, visit);
        JsonNode effective = io.parameters() == null ? input : io.parameters().apply(input, visit.contextObject());
        PayloadLimit.checkInput(visit, effective);
        return effective;
    }

    /** ResultSelector, applied to the raw result of a Task or Map. */
    static JsonNode selectResult(DataFlow io, JsonNode result, StateVisit visit) {
        return io.resultSelector() == null ? result : io.resultSelector().apply(result, visit.contextObject());
    }

    /** ResultPath: the result placed into the state's raw input (or the input alone when ResultPath is null). */
    static JsonNode placeResult(ResultPath resultPath, JsonNode rawInput, JsonNode result) {
        if (resultPath.discards()) {
            return rawInput;
        }
        try {
            return resultPath.path().write(rawInput, result);
        } catch (IllegalArgumentException e) {
            throw new StatesError(ErrorNames.RESULT_PATH_MATCH_FAILURE, "Unable to apply step \""
                    + resultPath.path().text() + "\" to input " + Json.write(rawInput) + ": " + e.getMessage());
        }
    }

    /** OutputPath: a null OutputPath gives {@code {}}. */
    static JsonNode selectOutput(DataFlow io, JsonNode data, StateVisit visit) {
        return select(io.outputPath(), data, visit, "OutputPath");
    }

    /** ResultSelector, ResultPath, OutputPath: a state's result turned into its output. */
    static JsonNode output(DataFlow io, JsonNode result, StateVisit visit) {
        JsonNode selected = selectResult(io, result, visit);
        return selectOutput(io, placeResult(io.resultPath(), visit.rawInput(), selected), visit);
    }

    static JsonNode select(JsonPathExpr path, JsonNode data, StateVisit visit, String field) {
        if (path == null) {
            return Json.object();
        }
        if (path.isRoot()) {
            return data;
        }
        try {
            return path.select(data, path.readsContext() ? visit.contextObject() : null);
        } catch (PathNotFoundException e) {
            throw visit.runtimeError("Invalid path '" + path.text() + "' in " + field + ": No results for path: "
                    + path.text() + " in " + Json.write(data));
        }
    }
}
