package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.asl.ChoiceRule;
import dev.pim.local.stepfunctions.asl.ChoiceState;
import dev.pim.local.stepfunctions.asl.FailState;
import dev.pim.local.stepfunctions.asl.PassState;
import dev.pim.local.stepfunctions.asl.SucceedState;
import dev.pim.local.stepfunctions.asl.WaitState;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.json.PathNotFoundException;
import dev.pim.local.stepfunctions.payload.DynamicValue;

import java.time.Duration;

/** The states that do no work of their own: Pass, Choice, Wait, Succeed and Fail. */
final class FlowSteps {
    private FlowSteps() {
    }

    static Outcome pass(PassState state, StateVisit visit) {
        JsonNode effective = DataFlowSteps.effectiveInput(state.io(), visit);
        JsonNode result = state.result() != null ? state.result() : effective;
        JsonNode output = DataFlowSteps.selectOutput(state.io(),
                DataFlowSteps.placeResult(state.io().resultPath(), visit.rawInput(), result), visit);
        visit.exit(output);
        return new Outcome(output, state.next());
    }

    static Outcome choice(ChoiceState state, StateVisit visit) {
        JsonNode input = DataFlowSteps.selectInput(state.io(), visit);
        String next = state.defaultNext();
        for (ChoiceRule.Branch branch : state.choices()) {
            if (matches(branch.rule(), input, visit)) {
                next = branch.next();
                break;
            }
        }
        if (next == null) {
            throw new StatesError(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
        }
        JsonNode output = DataFlowSteps.selectOutput(state.io(), input, visit);
        visit.exit(output);
        return new Outcome(output, next);
    }

    static Outcome waitFor(WaitState state, StateVisit visit) {
        JsonNode input = DataFlowSteps.selectInput(state.io(), visit);
        long seconds = state.seconds() != null ? state.seconds() : seconds(state, input, visit);
        visit.run().pause(visit.strand(), Duration.ofSeconds(seconds));
        JsonNode output = DataFlowSteps.selectOutput(state.io(), input, visit);
        visit.exit(output);
        return new Outcome(output, state.next());
    }

    static Outcome succeed(SucceedState state, StateVisit visit) {
        JsonNode output = DataFlowSteps.selectOutput(state.io(), DataFlowSteps.selectInput(state.io(), visit), visit);
        visit.exit(output);
        return new Outcome(output, null);
    }

    /** The error a Fail state ends its graph with. */
    static StatesError fail(FailState state, StateVisit visit) {
        String error = state.errorPath() == null ? state.error() : text(state.errorPath(), "ErrorPath", visit);
        String cause = state.causePath() == null ? state.cause() : text(state.causePath(), "CausePath", visit);
        return new StatesError(error, cause);
    }

    /**
     * A variable of another type than the operand compares false; a missing variable is a States.Runtime error.
     */
    private static boolean matches(ChoiceRule rule, JsonNode input, StateVisit visit) {
        if (rule instanceof ChoiceRule.Or or) {
            return or.rules().stream().anyMatch(r -> matches(r, input, visit));
        }
        ChoiceRule.Comparison comparison = (ChoiceRule.Comparison) rule;
        JsonNode value;
        try {
            value = comparison.variable().select(input, comparison.variable().readsContext() ? visit.contextObject() : null);
        } catch (PathNotFoundException e) {
            throw visit.runtimeError("Invalid path '" + comparison.variable().text()
                    + "': The choice state's condition path references an invalid value.");
        }
        return comparison.operator().equals(ChoiceRule.STRING_EQUALS)
                ? value.isTextual() && value.textValue().equals(comparison.operand().textValue())
                : value.isBoolean() && value.booleanValue() == comparison.operand().booleanValue();
    }

    private static long seconds(WaitState state, JsonNode input, StateVisit visit) {
        JsonNode seconds = DataFlowSteps.select(state.secondsPath(), input, visit, "SecondsPath");
        if (!seconds.isIntegralNumber() || seconds.longValue() < 0) {
            throw visit.runtimeError("The SecondsPath parameter does not reference a valid non-negative integer: "
                    + Json.write(seconds));
        }
        return seconds.longValue();
    }

    private static String text(DynamicValue value, String field, StateVisit visit) {
        JsonNode node;
        try {
            node = value.evaluate(visit.rawInput(), visit.contextObject(), field);
        } catch (StatesError e) {
            throw visit.runtimeError(e.cause());
        }
        if (!node.isTextual()) {
            throw visit.runtimeError("The value of " + field + " must be a string, got " + Json.write(node));
        }
        return node.textValue();
    }
}
