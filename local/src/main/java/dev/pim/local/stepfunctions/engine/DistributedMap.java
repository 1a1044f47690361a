package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.asl.MapState;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Distributed Map, run in-process: each item (or batch) is a child workflow execution with its own history.
 * Failed children count against ToleratedFailureCount / ToleratedFailurePercentage (none tolerated by default);
 * past the threshold the Map Run fails with States.ExceedToleratedFailureThreshold and unstarted children are not
 * started. Without a ResultWriter the output holds each child's output in item order, or the child's
 * {@code {"Error", "Cause"}} where a tolerated failure happened.
 */
final class DistributedMap {
    private final Interpreter interpreter;
    private final MapStep maps;

    DistributedMap(Interpreter interpreter, MapStep maps) {
        this.interpreter = interpreter;
        this.maps = maps;
    }

    JsonNode run(MapState state, JsonNode input, ArrayNode items, StateVisit visit) {
        List<JsonNode> childInputs = Batches.of(state, input, items, visit, maps);
        Threshold threshold = new Threshold(
                MapStep.number(state.tolerance().count(), input, visit, "ToleratedFailureCountPath"),
                MapStep.number(state.tolerance().percentage(), input, visit, "ToleratedFailurePercentagePath"),
                childInputs.size());
        int concurrency = MapStep.concurrency(state, input, visit, interpreter.runtime().options().distributedConcurrency());
        ExecutionSpec parent = visit.run().spec();
        String label = state.label() != null ? state.label() : state.name();
        String mapRunArn = "arn:aws:states:" + parent.region() + ":" + parent.accountId() + ":mapRun:"
                + parent.stateMachineName() + "/" + label + ":" + UUID.randomUUID();
        visit.record("MapStateStarted", Json.object().put("length", items.size()));
        visit.record("MapRunStarted", Json.object().put("mapRunArn", mapRunArn));
        List<FanOut.Result> results = FanOut.run(visit.run(), interpreter.runtime(), visit.strand(), childInputs.size(),
                concurrency, (index, strand) -> child(state, label, childInputs.get(index), strand, visit),
                threshold::exceededBy);
        long failures = results.stream().filter(r -> r.error() != null).count();
        if (threshold.exceededBy((int) failures) || results.stream().anyMatch(FanOut.Result::abandoned)) {
            String cause = "The specified tolerated failure threshold was exceeded";
            visit.record("MapRunFailed", ExecutionRun.errorDetails(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, cause));
            visit.record("MapStateFailed", null);
            throw new StatesError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, cause);
        }
        visit.record("MapRunSucceeded", null);
        visit.record("MapStateSucceeded", null);
        ArrayNode outputs = Json.array();
        results.forEach(r -> outputs.add(r.error() == null ? r.output() : ErrorFlow.errorOutput(r.error())));
        return outputs;
    }

    private JsonNode child(MapState state, String label, JsonNode input, Strand strand, StateVisit visit) {
        ExecutionSpec parent = visit.run().spec();
        String name = UUID.randomUUID().toString();
        ExecutionSpec spec = new ExecutionSpec("arn:aws:states:" + parent.region() + ":" + parent.accountId()
                + ":execution:" + parent.stateMachineName() + "/" + label + ":" + name, name, parent.stateMachineArn(),
                parent.stateMachineName(), parent.roleArn(), parent.region(), parent.accountId(), input);
        ExecutionRun child = visit.run().child(spec, state.processor(), strand);
        child.execute(new Interpreter(child, interpreter.runtime()));
        strand.join(List.of(child.rootStrand()));
        return switch (child.status()) {
            case SUCCEEDED -> child.output();
            case ABORTED -> throw new ExecutionInterrupted(ExecutionInterrupted.Reason.CANCELLED);
            default -> throw new StatesError(child.error(), child.cause());
        };
    }

    /** When failed children fail the Map Run: more than the count, or more than the percentage of all children. */
    private record Threshold(BigDecimal count, BigDecimal percentage, int total) {

        boolean exceededBy(int failures) {
            if (count == null && percentage == null) {
                return failures > 0;
            }
            boolean overCount = count != null && BigDecimal.valueOf(failures).compareTo(count) > 0;
            boolean overPercentage = percentage != null && total > 0 && BigDecimal.valueOf(failures * 100L)
                    .divide(BigDecimal.valueOf(total), 6, RoundingMode.HALF_UP).compareTo(percentage) > 0;
            return overCount || overPercentage;
        }
    }

    /** The children's inputs: items through ItemSelector, grouped by ItemBatcher when there is one. */
    private static final class Batches {
        static List<JsonNode> of(MapState state, JsonNode input, ArrayNode items, StateVisit visit, MapStep maps) {
            List<JsonNode> selected = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                selected.add(maps.itemInput(state, input, items.get(i), i, visit));
            }
            MapState.ItemBatcher batcher = state.batcher();
            if (batcher == null) {
                return selected;
            }
            BigDecimal maxItems = MapStep.number(batcher.maxItemsPerBatch(), input, visit, "MaxItemsPerBatchPath");
            BigDecimal maxBytes = MapStep.number(batcher.maxInputBytesPerBatch(), input, visit, "MaxInputBytesPerBatchPath");
            JsonNode batchInput = batcher.batchInput() == null ? null : batcher.batchInput().apply(input, visit.contextObject());
            List<JsonNode> batches = new ArrayList<>();
            ObjectNode batch = null;
            for (JsonNode item : selected) {
                if (batch == null || full(batch, item, maxItems, maxBytes)) {
                    batch = Json.object();
                    if (batchInput != null) {
                        batch.set("BatchInput", batchInput);
                    }
                    batch.putArray("Items");
                    batches.add(batch);
                }
                ((ArrayNode) batch.get("Items")).add(item);
            }
            return batches;
        }

        private static boolean full(ObjectNode batch, JsonNode item, BigDecimal maxItems, BigDecimal maxBytes) {
            int size = batch.get("Items").size();
            if (size == 0) {
                return false;
            }
            if (maxItems != null && size >= maxItems.intValue()) {
                return true;
            }
            return maxBytes != null && Json.write(batch).length() + Json.write(item).length() + 1 > maxBytes.intValue();
        }
    }
}
