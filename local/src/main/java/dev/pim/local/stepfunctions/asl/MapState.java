package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.json.JsonPathExpr;
import dev.pim.local.stepfunctions.payload.PayloadTemplate;

/**
 * A Map state, inline or distributed. Its {@code io.parameters()} is always null: ItemSelector (or the older
 * Parameters) shapes each item instead.
 *
 * @param itemSelector null when each item is its iteration's input as is
 * @param distributed  ItemProcessor.ProcessorConfig.Mode DISTRIBUTED: items run as child workflows, failures may
 *                     be tolerated and items may be batched
 * @param next         null when the state ends its graph
 */
public record MapState(String name, DataFlow io, JsonPathExpr itemsPath, PayloadTemplate itemSelector,
                       StateGraph processor, boolean distributed, NumberOrPath maxConcurrency,
                       Tolerance tolerance, ItemBatcher batcher, String label, ErrorHandling errors, String next)
        implements State {

    /** ToleratedFailureCount and ToleratedFailurePercentage (or their paths); absent means none tolerated. */
    public record Tolerance(NumberOrPath count, NumberOrPath percentage) {
        public static final Tolerance NONE = new Tolerance(NumberOrPath.ABSENT, NumberOrPath.ABSENT);
    }

    /** ItemBatcher: each child gets {@code {"Items": [...], ...BatchInput}}; null on a Map without one. */
    public record ItemBatcher(NumberOrPath maxItemsPerBatch, NumberOrPath maxInputBytesPerBatch,
                              PayloadTemplate batchInput) {
    }

    @Override
    public String type() {
        return "Map";
    }
}
