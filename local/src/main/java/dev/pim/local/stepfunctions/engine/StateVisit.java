package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.asl.DataFlow;
import dev.pim.local.stepfunctions.asl.ResultPath;
import dev.pim.local.stepfunctions.asl.State;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One pass through one state on one strand: its raw input, when it was entered, how often it was retried. Builds
 * the context object ({@code $$}), records the state's events, and runs the specification's input and output
 * processing (InputPath, Parameters, ResultSelector, ResultPath, OutputPath) under the payload quota.
 *
 * <p>The payload quota (262,144 bytes of UTF-8 by default) holds for a state's effective input, a task's result
 * and a state's output. Past it the state fails with States.DataLimitExceeded, which no Retry or Catch handles
 * (ErrorNames treats it as terminal, as the docs say States.ALL does not catch it). Every size measured is
 * reported to the execution, which keeps the largest.
 */
final class StateVisit {
    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ExecutionRun run;
    private final State state;
    private final Strand strand;
    private final JsonNode rawInput;
    private final long enteredEventId;
    private final Instant enteredTime;
    private int retryCount;

    private StateVisit(ExecutionRun run, State state, Strand strand, JsonNode rawInput, long enteredEventId,
                       Instant enteredTime) {
        this.run = run;
        this.state = state;
        this.strand = strand;
        this.rawInput = rawInput;
        this.enteredEventId = enteredEventId;
        this.enteredTime = enteredTime;
    }

    /** Records {@code <Type>StateEntered} and starts the visit. */
    static StateVisit enter(ExecutionRun run, State state, Strand strand, JsonNode rawInput) {
        ObjectNode details = Json.object();
        details.put("name", state.name());
        details.put("input", Json.write(rawInput));
        details.putObject("inputDetails").put("truncated", false);
        Instant entered = strand.now();
        HistoryEvent event = run.historyLog().record(strand, state.type() + "StateEntered", details);
        return new StateVisit(run, state, strand, rawInput, event == null ? 0 : event.id(), entered);
    }

    /** Records {@code <Type>StateExited} with the state's output, which must be within the payload quota. */
    void exit(JsonNode output) {
        byte[] utf8 = utf8(output);
        checkResult(utf8.length);
        ObjectNode details = Json.object();
        details.put("name", state.name());
        details.put("output", new String(utf8, StandardCharsets.UTF_8));
        details.putObject("outputDetails").put("truncated", false);
        record(state.type() + "StateExited", details);
    }

    HistoryEvent record(String type, ObjectNode details) {
        return run.historyLog().record(strand, type, details);
    }

    ExecutionRun run() {
        return run;
    }

    State state() {
        return state;
    }

    Strand strand() {
        return strand;
    }

    JsonNode rawInput() {
        return rawInput;
    }

    void retried() {
        retryCount++;
    }

    /** InputPath: a null InputPath gives {@code {}}. */
    JsonNode selectInput(DataFlow io) {
        return select(io.inputPath(), rawInput, "InputPath");
    }

    /** InputPath, then Parameters: what the state works on, within the payload quota. */
    JsonNode effectiveInput(DataFlow io) {
        JsonNode input = selectInput(io);
        JsonNode effective = io.parameters() == null ? input : io.parameters().apply(input, contextObject());
        checkInput(effective);
        return effective;
    }

    /** ResultSelector, ResultPath, OutputPath: a Task's or Map's raw result turned into the state's output. */
    JsonNode output(DataFlow io, JsonNode result) {
        JsonNode selected = io.resultSelector() == null ? result : io.resultSelector().apply(result, contextObject());
        return select(io.outputPath(), placeResult(io.resultPath(), selected), "OutputPath");
    }

    /** ResultPath: the result placed into the state's raw input (or the input alone when ResultPath is null). */
    JsonNode placeResult(ResultPath resultPath, JsonNode result) {
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

    /** A path of the state's definition applied to {@code data}: a null path gives {@code {}}, nothing found fails. */
    JsonNode select(JsonPathExpr path, JsonNode data, String field) {
        if (path == null) {
            return Json.object();
        }
        if (path.isRoot()) {
            return data;
        }
        JsonNode found = path.find(data, path.readsContext() ? contextObject() : null);
        if (found == null) {
            throw runtimeError("Invalid path '" + path.text() + "' in " + field + ": No results for path: "
                    + path.text() + " in " + Json.write(data));
        }
        return found;
    }

    /** A state's output, or a task's result: AWS's own words for both. */
    void checkResult(long bytes) {
        run.checkPayload(bytes, "The state/task '" + state.name()
                + "' returned a result with a size exceeding the maximum number of bytes service limit.");
    }

    /**
     * A state's input after Parameters or ItemSelector. AWS documents the error but not its cause text for this
     * case; this one follows the wording of the result case.
     */
    void checkInput(JsonNode input) {
        run.checkPayload(utf8(input).length, "The state/task '" + state.name()
                + "' has an input with a size exceeding the maximum number of bytes service limit.");
    }

    /** A payload as the JSON text Step Functions measures, in UTF-8. */
    static byte[] utf8(JsonNode payload) {
        try {
            return Json.mapper().writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }

    /** The context object as this state sees it now. */
    ObjectNode contextObject() {
        ExecutionSpec spec = run.spec();
        ObjectNode context = Json.object();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", spec.executionArn());
        execution.set("Input", spec.input());
        execution.put("Name", spec.name());
        execution.put("RoleArn", spec.roleArn());
        execution.put("StartTime", ISO_MILLIS.format(run.startDate()));
        execution.put("RedriveCount", 0);
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("EnteredTime", ISO_MILLIS.format(enteredTime));
        stateNode.put("Name", state.name());
        stateNode.put("RetryCount", retryCount);
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", spec.stateMachineArn());
        machine.put("Name", spec.stateMachineName());
        return context;
    }

    /** The context object with {@code $$.Map.Item}, as a Map's ItemSelector sees it. */
    ObjectNode contextObjectForItem(int index, JsonNode value) {
        ObjectNode context = contextObject();
        ObjectNode item = context.putObject("Map").putObject("Item");
        item.put("Index", index);
        item.set("Value", value);
        return context;
    }

    /** A States.Runtime error, worded as AWS words them. */
    StatesError runtimeError(String message) {
        return new StatesError(ErrorNames.RUNTIME, "An error occurred while executing the state '" + state.name()
                + "' (entered at the event id #" + enteredEventId + "). " + message);
    }
}
