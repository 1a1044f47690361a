package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;
import dev.pim.local.stepfunctions.payload.PayloadTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses the states that hold graphs of their own: Parallel (Branches) and Map (ItemProcessor or Iterator). */
final class CompositeStateParser {
    private static final Set<String> RESULT_SELECTION = Set.of("ResultSelector", "Retry", "Catch");
    private static final Set<String> MAP_FIELDS = Set.of("ItemSelector", "ItemsPath", "Iterator", "ItemProcessor",
            "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
            "ToleratedFailureCount", "ToleratedFailureCountPath", "ItemBatcher", "ItemReader", "ResultWriter", "Label");
    private static final Set<String> DISTRIBUTED_ONLY = Set.of("ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "ItemBatcher", "Label");
    private static final long MAX_BATCH_BYTES = 262_144;

    private CompositeStateParser() {
    }

    static State parallel(String name, Fields f) {
        f.allowOnly(StateParser.allowed(StateParser.transitionFields(), StateParser.pathFields(),
                StateParser.resultFields(), RESULT_SELECTION, Set.of("Branches")));
        f.require("Branches");
        JsonNode branches = f.array("Branches");
        List<StateGraph> graphs = new ArrayList<>();
        if (branches != null && branches.isEmpty()) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Branches must hold at least one branch", "Branches");
        }
        if (branches != null) {
            for (int i = 0; i < branches.size(); i++) {
                StateGraph graph = DefinitionParser.nestedGraph(branches.get(i), f.at("Branches/" + i), f.problems(), Set.of());
                if (graph != null) {
                    graphs.add(graph);
                }
            }
        }
        return new ParallelState(name, StateParser.dataFlow(f, true), graphs, ErrorHandlingParser.parse(f),
                StateParser.next(f));
    }

    static State map(String name, Fields f) {
        f.allowOnly(StateParser.allowed(StateParser.transitionFields(), StateParser.pathFields(),
                StateParser.resultFields(), RESULT_SELECTION, MAP_FIELDS));
        for (String unsupported : List.of("ItemReader", "ResultWriter")) {
            if (f.has(unsupported)) {
                f.problem("UNSUPPORTED_FEATURE", unsupported + " (S3) is not supported by the local Step Functions:"
                        + " give the items in the state input", unsupported);
            }
        }
        if (f.has("Parameters") && f.has("ItemSelector")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Only one of 'Parameters' and 'ItemSelector' can be set", null);
        }
        boolean distributed = distributed(f);
        if (!distributed) {
            DISTRIBUTED_ONLY.stream().filter(f::has).forEach(field -> f.problem("SCHEMA_VALIDATION_FAILED",
                    "The field '" + field + "' is only supported in DISTRIBUTED mode", field));
        }
        PayloadTemplate itemSelector = f.has("ItemSelector") ? f.template("ItemSelector") : f.template("Parameters");
        JsonPathExpr itemsPath = f.has("ItemsPath") ? f.referencePath("ItemsPath") : JsonPathExpr.root();
        StateGraph processor = processor(f);
        DataFlow io = new DataFlow(f.nullablePath("InputPath"), null, f.template("ResultSelector"),
                f.resultPath("ResultPath"), f.nullablePath("OutputPath"));
        MapState.Tolerance tolerance = new MapState.Tolerance(
                f.integerOrPath("ToleratedFailureCount", 0, Integer.MAX_VALUE),
                f.numberOrPath("ToleratedFailurePercentage", BigDecimal.ZERO, BigDecimal.valueOf(100)));
        return new MapState(name, io, itemsPath, itemSelector, processor, distributed,
                f.integerOrPath("MaxConcurrency", 0, Integer.MAX_VALUE), tolerance,
                batcher(f), f.string("Label"), ErrorHandlingParser.parse(f), StateParser.next(f));
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
        if (executionType != null && !Set.of("STANDARD", "EXPRESS").contains(executionType)) {
            c.problem("SCHEMA_VALIDATION_FAILED", "The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS]",
                    "ExecutionType");
        }
        return "DISTRIBUTED".equals(mode);
    }

    private static StateGraph processor(Fields f) {
        boolean processor = f.has("ItemProcessor");
        boolean iterator = f.has("Iterator");
        if (processor == iterator) {
            f.problem("SCHEMA_VALIDATION_FAILED", "A Map state needs exactly one of 'ItemProcessor' and 'Iterator'", null);
            return null;
        }
        String field = processor ? "ItemProcessor" : "Iterator";
        return DefinitionParser.nestedGraph(f.raw(field), f.at(field), f.problems(),
                processor ? Set.of("ProcessorConfig") : Set.of());
    }

    private static MapState.ItemBatcher batcher(Fields f) {
        JsonNode node = f.object("ItemBatcher");
        if (node == null) {
            return null;
        }
        Fields b = new Fields(node, f.at("ItemBatcher"), f.problems());
        b.allowOnly(Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                "MaxInputBytesPerBatchPath", "BatchInput"));
        NumberOrPath maxItems = b.integerOrPath("MaxItemsPerBatch", 1, Integer.MAX_VALUE);
        NumberOrPath maxBytes = b.integerOrPath("MaxInputBytesPerBatch", 1, MAX_BATCH_BYTES);
        if (maxItems.isAbsent() && maxBytes.isAbsent()) {
            b.problem("SCHEMA_VALIDATION_FAILED", "ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch", null);
        }
        if (b.object("BatchInput") == null && b.has("BatchInput")) {
            return null;
        }
        return new MapState.ItemBatcher(maxItems, maxBytes, b.template("BatchInput"));
    }
}
