package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.List;
import java.util.Set;

/**
 * Parses Map states, which hold a graph of their own (ItemProcessor): inline, or distributed with STANDARD child
 * executions and an optional ItemBatcher. AWS's other Map fields are refused as unsupported by the local engine.
 */
final class MapStateParser {
    private static final Set<String> MAP_FIELDS = Set.of("ResultSelector", "Retry", "Catch", "ItemSelector",
            "ItemsPath", "ItemProcessor", "MaxConcurrency", "MaxConcurrencyPath", "ItemBatcher");
    private static final List<String> NOT_SUPPORTED = List.of("Parameters", "Iterator", "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "Label");

    private MapStateParser() {
    }

    static State map(String name, Fields f) {
        NOT_SUPPORTED.stream().filter(f::has).forEach(f::unsupported);
        for (String unsupported : List.of("ItemReader", "ResultWriter")) {
            if (f.has(unsupported)) {
                f.problem("UNSUPPORTED_FEATURE", unsupported + " (S3) is not supported by the local Step Functions:"
                        + " give the items in the state input", unsupported);
            }
        }
        f.allowOnly(StateParser.allowed(StateParser.transitionFields(), StateParser.pathFields(),
                Set.of("ResultPath"), MAP_FIELDS, Set.copyOf(NOT_SUPPORTED), Set.of("ItemReader", "ResultWriter")));
        f.require("ItemProcessor");
        boolean distributed = distributed(f);
        if (!distributed && f.has("ItemBatcher")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field 'ItemBatcher' is only supported in DISTRIBUTED mode", "ItemBatcher");
        }
        JsonPathExpr itemsPath = f.has("ItemsPath") ? f.referencePath("ItemsPath") : JsonPathExpr.root();
        StateGraph processor = f.has("ItemProcessor") ? DefinitionParser.nestedGraph(f.raw("ItemProcessor"),
                f.at("ItemProcessor"), f.problems(), Set.of("ProcessorConfig")) : null;
        DataFlow io = new DataFlow(f.nullablePath("InputPath"), null, f.template("ResultSelector"),
                f.resultPath("ResultPath"), f.nullablePath("OutputPath"));
        return new MapState(name, io, itemsPath, f.template("ItemSelector"), processor, distributed,
                f.integerOrPath("MaxConcurrency", 0, Integer.MAX_VALUE), batcher(f), ErrorHandlingParser.parse(f),
                StateParser.next(f));
    }

    private static boolean distributed(Fields f) {
        JsonNode processor = f.raw("ItemProcessor");
        JsonNode config = processor == null ? null : processor.get("ProcessorConfig");
        if (config == null) {
            return false;
        }
        Fields c = new Fields(config, f.at("ItemProcessor/ProcessorConfig"), f.problems());
        c.allowOnly(Set.of("Mode", "ExecutionType"));
        String mode = c.string("Mode");
        if (mode != null && !Set.of("INLINE", "DISTRIBUTED").contains(mode)) {
            c.problem("SCHEMA_VALIDATION_FAILED", "The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]", "Mode");
        }
        String executionType = c.string("ExecutionType");
        if ("DISTRIBUTED".equals(mode) && executionType == null) {
            c.require("ExecutionType");
        }
        if ("EXPRESS".equals(executionType)) {
            c.unsupported("ExecutionType");
        } else if (executionType != null && !executionType.equals("STANDARD")) {
            c.problem("SCHEMA_VALIDATION_FAILED", "The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS]",
                    "ExecutionType");
        }
        return "DISTRIBUTED".equals(mode);
    }

    private static MapState.ItemBatcher batcher(Fields f) {
        JsonNode node = f.object("ItemBatcher");
        if (node == null) {
            return null;
        }
        Fields b = new Fields(node, f.at("ItemBatcher"), f.problems());
        List.of("MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath").stream().filter(b::has).forEach(b::unsupported);
        b.allowOnly(Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "BatchInput", "MaxInputBytesPerBatch",
                "MaxInputBytesPerBatchPath"));
        NumberOrPath maxItems = b.integerOrPath("MaxItemsPerBatch", 1, Integer.MAX_VALUE);
        if (maxItems.isAbsent()) {
            b.problem("SCHEMA_VALIDATION_FAILED", "ItemBatcher needs MaxItemsPerBatch or MaxItemsPerBatchPath", null);
        }
        if (b.object("BatchInput") == null && b.has("BatchInput")) {
            return null;
        }
        return new MapState.ItemBatcher(maxItems, b.template("BatchInput"));
    }
}
