package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.asl.MapState;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Distributed Map, run in-process: each item (or batch) is a STANDARD child workflow execution with its own
 * history. No failure is tolerated (the definition sets no ToleratedFailure*): the first failed child fails the
 * Map Run with States.ExceedToleratedFailureThreshold and unstarted children are not started. Without a
 * ResultWriter the output holds each child's output in item order.
 */
final class DistributedMap {
    private final Interpreter interpreter;
    private final MapStep maps;

    DistributedMap(Interpreter interpreter, MapStep maps) {
        this.interpreter = interpreter;
        this.maps = maps;
    }

    JsonNode run(MapState state, JsonNode input, ArrayNode items, StateVisit visit) {
        List<JsonNode> childInputs = batches(state, input, items, visit);
        int cap = visit.run().quotas().maxDistributedConcurrency();
        // Each running child is a real thread here: past childThreads, children wait their turn.
        int concurrency = Math.min(Math.min(MapStep.concurrency(state, input, visit, cap), cap),
                interpreter.runtime().options().childThreads());
        ExecutionSpec parent = visit.run().spec();
        String mapRunArn = "arn:aws:states:" + parent.region() + ":" + parent.accountId() + ":mapRun:"
                + parent.stateMachineName() + "/" + state.name() + ":" + UUID.randomUUID();
        BigDecimal declared = MapStep.number(state.maxConcurrency(), input, visit, "MaxConcurrencyPath");
        MapRun mapRun = new MapRun(mapRunArn, visit.run(), visit.strand().now(), declared == null ? 0 : declared.intValue(),
                items.size(), childInputs.size());
        visit.run().descendants().add(mapRun);
        visit.record("MapStateStarted", Json.object().put("length", items.size()));
        visit.record("MapRunStarted", Json.object().put("mapRunArn", mapRunArn));
        List<FanOut.Result> results;
        try {
            results = FanOut.run(visit.run(), interpreter.runtime(), visit.strand(), childInputs.size(), concurrency,
                    (index, strand) -> child(state, mapRunArn, childInputs.get(index), strand, visit), failures -> true);
        } catch (RuntimeException e) {
            mapRun.end("ABORTED", visit.strand().now());
            throw e;
        }
        if (results.stream().anyMatch(r -> r.error() != null || r.abandoned())) {
            String cause = "The specified tolerated failure threshold was exceeded";
            mapRun.end("FAILED", visit.strand().now());
            visit.record("MapRunFailed", ExecutionRun.errorDetails(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, cause));
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
        child.execute(new Interpreter(child, interpreter.runtime()));
        strand.join(List.of(child.rootStrand()));
        return switch (child.status()) {
            case SUCCEEDED -> child.output();
            case ABORTED -> throw new ExecutionInterrupted(ExecutionInterrupted.Reason.CANCELLED);
            default -> throw new StatesError(child.error(), child.cause());
        };
    }

    /**
     * The children's inputs: items through ItemSelector, grouped by ItemBatcher when there is one. A batch holds at
     * most MaxItemsPerBatch items and no more than the payload quota; an item too large for a batch of its own
     * fails the state with States.DataLimitExceeded.
     */
    private List<JsonNode> batches(MapState state, JsonNode input, ArrayNode items, StateVisit visit) {
        List<JsonNode> selected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            selected.add(maps.itemInput(state, input, items.get(i), i, visit));
        }
        MapState.ItemBatcher batcher = state.batcher();
        if (batcher == null) {
            return selected;
        }
        BigDecimal maxItems = MapStep.number(batcher.maxItemsPerBatch(), input, visit, "MaxItemsPerBatchPath");
        long maxBytes = visit.run().quotas().maxPayloadBytes();
        JsonNode batchInput = batcher.batchInput() == null ? null : batcher.batchInput().apply(input, visit.contextObject());
        List<JsonNode> batches = new ArrayList<>();
        ObjectNode batch = null;
        long batchBytes = 0;
        for (int i = 0; i < selected.size(); i++) {
            JsonNode item = selected.get(i);
            long itemBytes = PayloadLimit.utf8Bytes(item);
            int size = batch == null ? 0 : batch.get("Items").size();
            // One more item adds its bytes and, after the first, a comma.
            boolean full = batch == null || (maxItems != null && size >= maxItems.intValue())
                    || (size > 0 && batchBytes + itemBytes + 1 > maxBytes);
            if (full) {
                batch = Json.object();
                if (batchInput != null) {
                    batch.set("BatchInput", batchInput);
                }
                batch.putArray("Items");
                batches.add(batch);
                batchBytes = PayloadLimit.utf8Bytes(batch);
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
}
