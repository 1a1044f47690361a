package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pim.local.stepfunctions.asl.ParallelState;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

import java.util.List;

/**
 * Parallel states: every branch runs on the effective input, side by side; the result is the array of the
 * branches' outputs in branch order. A failing branch fails the state with its own error (so Catch can name
 * it), and the other branches stop at their next state.
 */
final class ParallelStep {
    private final Interpreter interpreter;

    ParallelStep(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    Outcome run(ParallelState state, StateVisit visit) {
        Outcome outcome = ErrorFlow.run(visit, state.errors(), state.next(), () -> attempt(state, visit));
        visit.exit(outcome.output());
        return outcome;
    }

    private JsonNode attempt(ParallelState state, StateVisit visit) {
        JsonNode input = DataFlowSteps.effectiveInput(state.io(), visit);
        visit.record("ParallelStateStarted", null);
        int branches = state.branches().size();
        List<FanOut.Result> results = FanOut.run(visit.run(), interpreter.runtime(), visit.strand(), branches, branches,
                (index, strand) -> interpreter.runGraph(state.branches().get(index), input, strand), failures -> true);
        ArrayNode outputs = Json.array();
        for (FanOut.Result result : results) {
            if (result.error() != null) {
                visit.record("ParallelStateFailed", null);
                throw firstError(results);
            }
            outputs.add(result.output());
        }
        visit.record("ParallelStateSucceeded", null);
        return DataFlowSteps.output(state.io(), outputs, visit);
    }

    private static StatesError firstError(List<FanOut.Result> results) {
        return results.stream().map(FanOut.Result::error).filter(e -> e != null).findFirst().orElseThrow();
    }
}
