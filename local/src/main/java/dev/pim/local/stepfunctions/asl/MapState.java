package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.json.JsonPathExpr;
import dev.pim.local.stepfunctions.payload.PayloadTemplate;

/**
 * A Map state, inline or distributed. Its {@code io.parameters()} is always null: ItemSelector shapes each item
 * instead.
 *
 * @param itemSelector null when each item is its iteration's input as is
 * @param distributed  ItemProcessor.ProcessorConfig.Mode DISTRIBUTED: items (or batches of them) run as STANDARD
 *                     child workflow executions
 * @param batcher      null on a Map without ItemBatcher
 * @param next         null when the state ends its graph
 */
public record MapState(String name, DataFlow io, JsonPathExpr itemsPath, PayloadTemplate itemSelector,
                       StateGraph processor, boolean distributed, IntegerOrPath maxConcurrency, ItemBatcher batcher,
                       ErrorHandling errors, String next) implements State {

    /** ItemBatcher: each child gets {@code {"Items": [...], "BatchInput": ...}} of at most MaxItemsPerBatch items. */
    public record ItemBatcher(IntegerOrPath maxItemsPerBatch, PayloadTemplate batchInput) {
    }

    @Override
    public String type() {
        return "Map";
    }
}
