package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.asl.State;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One pass through one state on one strand: its raw input, when it was entered, how often it was retried; builds
 * the context object ({@code $$}) and records the state's events.
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
        String text = Json.write(output);
        PayloadLimit.checkResult(this, PayloadLimit.utf8Bytes(text));
        ObjectNode details = Json.object();
        details.put("name", state.name());
        details.put("output", text);
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

    int retryCount() {
        return retryCount;
    }

    void retried() {
        retryCount++;
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
