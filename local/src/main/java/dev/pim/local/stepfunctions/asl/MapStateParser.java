package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.List;
import java.util.Set;

/**
 * Parses Map states, which hold a graph of their own (ItemProcessor): inline, or distributed with STANDARD child
 * executions and an optional ItemBatcher. AWS's other Map fields are refused as unsupported by the local engine.
 */
final class MapStateParser {

    private MapStateParser() {
    }

    static State map(String name, Fields f, DataFlow io) {
        for (String s3 : List.of("ItemReader", "ResultWriter")) {
            if (f.has(s3)) {
                f.problem("UNSUPPORTED_FEATURE", s3 + " (S3) is not supported by the local Step Functions:"
                        + " give the items in the state input", s3);
            }
        }
        f.require("ItemProcessor");
        Fields processor = f.nested("ItemProcessor");
        boolean distributed = processor != null && distributed(processor.nested("ProcessorConfig"));
        if (!distributed && f.has("ItemBatcher")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field 'ItemBatcher' is only supported in DISTRIBUTED mode", "ItemBatcher");
        }
        JsonPathExpr itemsPath = f.has("ItemsPath") ? f.referencePath("ItemsPath") : JsonPathExpr.root();
        if (processor != null) {
            processor.allowOnly(Set.of("StartAt", "States", "ProcessorConfig", "QueryLanguage"));
        }
        StateGraph graph = processor == null ? null : DefinitionParser.graph(processor);
        return new MapState(name, io, itemsPath, f.template("ItemSelector"), graph, distributed,
                f.integerOrPath("MaxConcurrency", 0), batcher(f.nested("ItemBatcher")), StateParser.errorHandling(f),
                StateParser.next(f));
    }

    private static boolean distributed(Fields config) {
        if (config == null) {
            return false;
        }
        config.allowOnly(Set.of("Mode", "ExecutionType"));
        String mode = config.string("Mode");
        if (mode != null && !Set.of("INLINE", "DISTRIBUTED").contains(mode)) {
            config.problem("SCHEMA_VALIDATION_FAILED", "The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]", "Mode");
        }
        String executionType = config.string("ExecutionType");
        if ("DISTRIBUTED".equals(mode) && executionType == null) {
            config.require("ExecutionType");
        }
        if ("EXPRESS".equals(executionType)) {
            config.unsupported("ExecutionType", "field ExecutionType");
        } else if (executionType != null && !executionType.equals("STANDARD")) {
            config.problem("SCHEMA_VALIDATION_FAILED", "The field 'ExecutionType' should have one of these values:"
                    + " [STANDARD, EXPRESS]", "ExecutionType");
        }
        return "DISTRIBUTED".equals(mode);
    }

    private static MapState.ItemBatcher batcher(Fields batcher) {
        if (batcher == null) {
            return null;
        }
        batcher.allowOnly(Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "BatchInput"));
        IntegerOrPath maxItems = batcher.integerOrPath("MaxItemsPerBatch", 1);
        if (!batcher.has("MaxItemsPerBatch") && !batcher.has("MaxItemsPerBatchPath")) {
            batcher.problem("SCHEMA_VALIDATION_FAILED", "ItemBatcher needs MaxItemsPerBatch or MaxItemsPerBatchPath", null);
        }
        return new MapState.ItemBatcher(maxItems, batcher.object("BatchInput") == null ? null : batcher.template("BatchInput"));
    }
}
