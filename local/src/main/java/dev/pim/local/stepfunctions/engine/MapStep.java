package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.asl.MapState;
import dev.pim.local.stepfunctions.asl.IntegerOrPath;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Map states. Inline: each item runs through the ItemProcessor in this execution's history (its events count
 * against this execution's history quota), at most MaxConcurrency and at most the quota (40) at once; the first
 * failing iteration fails the state and the others stop. Distributed: each item (or batch) is a STANDARD child
 * workflow execution with its own history; no failure is tolerated (the definition sets no ToleratedFailure*), so
 * the first failed child fails the Map Run with States.ExceedToleratedFailureThreshold and unstarted children are
 * not started. Without a ResultWriter the output holds each iteration's output in item order.
 */
final class MapStep {
    private final Interpreter interpreter;

    MapStep(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** One attempt at the state's work: its output. */
    JsonNode run(MapState state, StateVisit visit) {
        JsonNode input = visit.selectInput(state.io());
        JsonNode items = visit.select(state.itemsPath(), input, "ItemsPath");
        if (!items.isArray()) {
            throw visit.runtimeError("Invalid path '" + state.itemsPath().text()
                    + "' : The ItemsPath field must point to a JSON array, got " + Json.write(items));
        }
        JsonNode result = state.distributed()
                ? distributed(state, input, (ArrayNode) items, visit)
                : inline(state, input, (ArrayNode) items, visit);
        return visit.output(state.io(), result);
    }

    private JsonNode inline(MapState state, JsonNode input, ArrayNode items, StateVisit visit) {
        visit.record("MapStateStarted", Json.object().put("length", items.size()));
        // AWS runs at most 40 inline iterations at once, whatever MaxConcurrency says.
        int cap = visit.run().quotas().maxInlineMapConcurrency();
        List<FanOut.Result> results = FanOut.run(visit.run(), interpreter.engine().pool(), visit.strand(), items.size(),
                concurrency(state, input, visit, cap), (index, strand) -> iteration(state, input, items.get(index), index, strand, visit));
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

    private JsonNode distributed(MapState state, JsonNode input, ArrayNode items, StateVisit visit) {
        List<JsonNode> childInputs = batches(state, input, items, visit);
        // Each running child is a real thread here: past childThreads, children wait their turn.
        int cap = Math.min(visit.run().quotas().maxDistributedConcurrency(), interpreter.engine().options().childThreads());
        ExecutionSpec parent = visit.run().spec();
        String mapRunArn = "arn:aws:states:" + parent.region() + ":" + parent.accountId() + ":mapRun:"
                + parent.stateMachineName() + "/" + state.name() + ":" + UUID.randomUUID();
        Integer declared = number(state.maxConcurrency(), input, visit, "MaxConcurrencyPath");
        MapRun mapRun = new MapRun(mapRunArn, visit.run(), visit.strand().now(), declared == null ? 0 : declared,
                items.size(), childInputs.size());
        visit.run().descendants().add(mapRun);
        visit.record("MapStateStarted", Json.object().put("length", items.size()));
        visit.record("MapRunStarted", Json.object().put("mapRunArn", mapRunArn));
        List<FanOut.Result> results;
        try {
            results = FanOut.run(visit.run(), interpreter.engine().pool(), visit.strand(), childInputs.size(),
                    concurrency(state, input, visit, cap), (index, strand) -> child(state, mapRunArn, childInputs.get(index), strand, visit));
        } catch (RuntimeException e) {
            mapRun.end("ABORTED", visit.strand().now());
            throw e;
        }
        if (results.stream().anyMatch(r -> r.output() == null)) {
            String cause = "The specified tolerated failure threshold was exceeded";
            mapRun.end("FAILED", visit.strand().now());
            visit.record("MapRunFailed", Interpreter.errorDetails(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, cause));
            visit.record("MapStateFailed", null);
            throw new StatesError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, cause);
        }
        mapRun.end("SUCCEEDED", visit.strand().now());
        visit.record("MapRunSucceeded", null);
        visit.record("MapStateSucceeded", null);
        ArrayNode outputs = Json.array();
        results.forEach(r -> outputs.add(r.output()));
        return outputs;
    }

    private JsonNode child(MapState state, String mapRunArn, JsonNode input, Strand strand, StateVisit visit) {
        ExecutionSpec parent = visit.run().spec();
        String name = UUID.randomUUID().toString();
        ExecutionSpec spec = new ExecutionSpec("arn:aws:states:" + parent.region() + ":" + parent.accountId()
                + ":execution:" + parent.stateMachineName() + "/" + state.name() + ":" + name, name, parent.stateMachineArn(),
                parent.stateMachineName(), parent.roleArn(), parent.region(), parent.accountId(), input);
        int itemCount = state.batcher() == null ? 1 : input.get("Items").size();
        ExecutionRun child = visit.run().child(spec, state.processor(), strand, mapRunArn, itemCount);
        child.execute(new Interpreter(child, interpreter.engine()));
        strand.join(List.of(child.rootStrand()));
        return switch (child.status()) {
            case SUCCEEDED -> child.output();
            case ABORTED -> throw new ExecutionInterrupted(ExecutionInterrupted.Reason.CANCELLED);
            default -> throw new StatesError(child.error(), child.cause());
        };
    }

    /**
     * ItemSelector, which alone sees {@code $$.Map.Item.Index} and {@code .Value}; the result is an iteration's
     * input, within the payload quota.
     */
    private static JsonNode itemInput(MapState state, JsonNode input, JsonNode item, int index, StateVisit visit) {
        JsonNode selected = state.itemSelector() == null ? item
                : state.itemSelector().apply(input, visit.contextObjectForItem(index, item));
        visit.checkInput(selected);
        return selected;
    }

    /**
     * The children's inputs: items through ItemSelector, grouped by ItemBatcher when there is one. A batch holds at
     * most MaxItemsPerBatch items and no more than the payload quota; an item too large for a batch of its own
     * fails the state with States.DataLimitExceeded.
     */
    private static List<JsonNode> batches(MapState state, JsonNode input, ArrayNode items, StateVisit visit) {
        List<JsonNode> selected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            selected.add(itemInput(state, input, items.get(i), i, visit));
        }
        MapState.ItemBatcher batcher = state.batcher();
        if (batcher == null) {
            return selected;
        }
        Integer maxItems = number(batcher.maxItemsPerBatch(), input, visit, "MaxItemsPerBatchPath");
        long maxBytes = visit.run().quotas().maxPayloadBytes();
        JsonNode batchInput = batcher.batchInput() == null ? null : batcher.batchInput().apply(input, visit.contextObject());
        List<JsonNode> batches = new ArrayList<>();
        ObjectNode batch = null;
        long batchBytes = 0;
        for (int i = 0; i < selected.size(); i++) {
            JsonNode item = selected.get(i);
            long itemBytes = StateVisit.utf8(item).length;
            int size = batch == null ? 0 : batch.get("Items").size();
            // One more item adds its bytes and, after the first, a comma.
            boolean full = batch == null || (maxItems != null && size >= maxItems)
                    || (size > 0 && batchBytes + itemBytes + 1 > maxBytes);
            if (full) {
                batch = Json.object();
                if (batchInput != null) {
                    batch.set("BatchInput", batchInput);
                }
                batch.putArray("Items");
                batches.add(batch);
                batchBytes = StateVisit.utf8(batch).length;
                size = 0;
            }
            batchBytes += itemBytes + (size > 0 ? 1 : 0);
            if (batchBytes > maxBytes) {
                throw new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "The item at index " + i + " of the Map state '"
                        + visit.state().name() + "' makes a batch of " + batchBytes + " bytes by itself, more than"
                        + " the " + maxBytes + " bytes a batch may hold");
            }
            ((ArrayNode) batch.get("Items")).add(item);
            visit.run().payloadSeen(batchBytes);
        }
        return batches;
    }

    /** MaxConcurrency (or its path), at most {@code cap}; 0 or absent means as many as the platform runs at once. */
    private static int concurrency(MapState state, JsonNode input, StateVisit visit, int cap) {
        Integer value = number(state.maxConcurrency(), input, visit, "MaxConcurrencyPath");
        return value == null || value == 0 ? cap : Math.min(value, cap);
    }

    /** An IntegerOrPath's value, reading the path from the state's input; null when absent. */
    private static Integer number(IntegerOrPath spec, JsonNode input, StateVisit visit, String field) {
        if (spec.value() != null || spec.path() == null) {
            return spec.value();
        }
        JsonNode value = visit.select(spec.path(), input, field);
        if (!value.isNumber() || value.doubleValue() < 0) {
            throw visit.runtimeError("The " + field + " field does not reference a valid non-negative number: " + value);
        }
        return value.intValue();
    }
}
