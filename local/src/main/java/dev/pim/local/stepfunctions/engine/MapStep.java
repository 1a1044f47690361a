package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.asl.MapState;
import dev.pim.local.stepfunctions.asl.NumberOrPath;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

import java.math.BigDecimal;
import java.util.List;

/**
 * Map states. Inline: each item runs through the ItemProcessor in this execution's history (its events count
 * against this execution's history quota), at most MaxConcurrency and at most the quota (40) at once; the first failing iteration fails the state and the others stop. Distributed mode is
 * {@link DistributedMap}'s.
 */
final class MapStep {
    private final Interpreter interpreter;
    private final DistributedMap distributed;

    MapStep(Interpreter interpreter) {
        this.interpreter = interpreter;
        this.distributed = new DistributedMap(interpreter, this);
    }

    Outcome run(MapState state, StateVisit visit) {
        Outcome outcome = ErrorFlow.run(visit, state.errors(), state.next(), () -> attempt(state, visit));
        visit.exit(outcome.output());
        return outcome;
    }

    private JsonNode attempt(MapState state, StateVisit visit) {
        JsonNode input = DataFlowSteps.selectInput(state.io(), visit);
        JsonNode items = DataFlowSteps.select(state.itemsPath(), input, visit, "ItemsPath");
        if (!items.isArray()) {
            throw visit.runtimeError("Invalid path '" + state.itemsPath().text()
                    + "' : The ItemsPath field must point to a JSON array, got " + Json.write(items));
        }
        JsonNode result = state.distributed()
                ? distributed.run(state, input, (ArrayNode) items, visit)
                : inline(state, input, (ArrayNode) items, visit);
        return DataFlowSteps.output(state.io(), result, visit);
    }

    private JsonNode inline(MapState state, JsonNode input, ArrayNode items, StateVisit visit) {
        ObjectNode started = Json.object().put("length", items.size());
        visit.record("MapStateStarted", started);
        // AWS runs at most 40 inline iterations at once, whatever MaxConcurrency says.
        int cap = visit.run().quotas().maxInlineMapConcurrency();
        int concurrency = Math.min(concurrency(state, input, visit, cap), cap);
        List<FanOut.Result> results = FanOut.run(visit.run(), interpreter.runtime(), visit.strand(), items.size(),
                concurrency, (index, strand) -> iteration(state, input, items.get(index), index, strand, visit),
                failures -> true);
        ArrayNode outputs = Json.array();
        for (FanOut.Result result : results) {
            if (result.error() != null) {
                visit.record("MapStateFailed", null);
                throw result.error();
            }
            outputs.add(result.output());
        }
        visit.record("MapStateSucceeded", null);
        return outputs;
    }

    private JsonNode iteration(MapState state, JsonNode input, JsonNode item, int index, Strand strand, StateVisit visit) {
        JsonNode itemInput = itemInput(state, input, item, index, visit);
        History history = visit.run().historyLog();
        ObjectNode details = Json.object().put("name", state.name()).put("index", index);
        history.record(strand, "MapIterationStarted", details);
        try {
            JsonNode output = interpreter.runGraph(state.processor(), itemInput, strand);
            history.record(strand, "MapIterationSucceeded", details.deepCopy());
            return output;
        } catch (StatesError e) {
            history.record(strand, "MapIterationFailed", details.deepCopy());
            throw e;
        } catch (ExecutionInterrupted e) {
            history.record(strand, "MapIterationAborted", details.deepCopy());
            throw e;
        }
    }

    /**
     * ItemSelector (or the older Parameters), which alone sees {@code $$.Map.Item.Index} and {@code .Value}; the
     * result is an iteration's input, within the payload quota.
     */
    JsonNode itemInput(MapState state, JsonNode input, JsonNode item, int index, StateVisit visit) {
        JsonNode selected = state.itemSelector() == null ? item
                : state.itemSelector().apply(input, visit.contextObjectForItem(index, item));
        PayloadLimit.checkInput(visit, selected);
        return selected;
    }

    /** MaxConcurrency (or its path); 0 or absent means as many as the platform runs at once. */
    static int concurrency(MapState state, JsonNode input, StateVisit visit, int unbounded) {
        BigDecimal value = number(state.maxConcurrency(), input, visit, "MaxConcurrencyPath");
        return value == null || value.signum() == 0 ? unbounded : value.intValue();
    }

    /** A NumberOrPath's value, reading the path from the state's input; null when absent. */
    static BigDecimal number(NumberOrPath spec, JsonNode input, StateVisit visit, String field) {
        if (spec.value() != null || spec.path() == null) {
            return spec.value();
        }
        JsonNode value = DataFlowSteps.select(spec.path(), input, visit, field);
        if (!value.isNumber() || value.decimalValue().signum() < 0) {
            throw visit.runtimeError("The " + field + " field does not reference a valid non-negative number: " + value);
        }
        return value.decimalValue();
    }
}
