package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.asl.Catcher;
import dev.pim.local.stepfunctions.asl.ErrorHandling;
import dev.pim.local.stepfunctions.asl.Retrier;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

import java.time.Duration;
import java.util.List;

/**
 * Retry and Catch around the work of a Task or Map state. The first retrier whose ErrorEquals
 * matches decides: it retries after its delay (on the strand's virtual clock) until its own MaxAttempts are
 * spent, then the first matching catcher, if any, turns the error into output and a transition.
 */
final class ErrorFlow {

    /** One attempt at the state's work; returns the state's output. */
    @FunctionalInterface
    interface Attempt {
        JsonNode run();
    }

    private ErrorFlow() {
    }

    static Outcome run(StateVisit visit, ErrorHandling handling, String next, Attempt attempt) {
        List<Retrier> retriers = handling.retriers();
        int[] attempts = new int[retriers.size()];
        while (true) {
            try {
                return new Outcome(attempt.run(), next);
            } catch (StatesError e) {
                visit.run().checkActive(visit.strand());
                int index = firstRetrier(retriers, e.error());
                if (index >= 0 && attempts[index] < retriers.get(index).maxAttempts()) {
                    Duration delay = retriers.get(index).delayBeforeRetry(attempts[index], visit.run()::nextJitter);
                    attempts[index]++;
                    visit.retried();
                    visit.run().pause(visit.strand(), delay);
                    continue;
                }
                return caught(visit, handling.catchers(), e);
            }
        }
    }

    /** The error as a Catcher puts it into the state's input. */
    static ObjectNode errorOutput(StatesError e) {
        ObjectNode error = Json.object();
        error.put("Error", e.error());
        if (e.cause() != null) {
            error.put("Cause", e.cause());
        }
        return error;
    }

    private static Outcome caught(StateVisit visit, List<Catcher> catchers, StatesError e) {
        for (Catcher catcher : catchers) {
            if (ErrorNames.matches(catcher.errorEquals(), e.error())) {
                JsonNode output = DataFlowSteps.placeResult(catcher.resultPath(), visit.rawInput(), errorOutput(e));
                return new Outcome(output, catcher.next());
            }
        }
        throw e;
    }

    private static int firstRetrier(List<Retrier> retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (ErrorNames.matches(retriers.get(i).errorEquals(), error)) {
                return i;
            }
        }
        return -1;
    }
}
