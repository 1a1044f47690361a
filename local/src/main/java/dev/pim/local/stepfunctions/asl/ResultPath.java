package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.json.JsonPathExpr;

/**
 * Where a state's result goes in its raw input.
 *
 * @param path a reference path; null when ResultPath is JSON null (the result is discarded, the input flows on)
 */
public record ResultPath(JsonPathExpr path) {
    public static final ResultPath DEFAULT = new ResultPath(JsonPathExpr.root());
    public static final ResultPath DISCARD = new ResultPath(null);

    public boolean discards() {
        return path == null;
    }
}
