package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.json.JsonPathExpr;

/**
 * A whole number given either in the definition ({@code MaxConcurrency}) or by a reference path into the state's
 * input ({@code MaxConcurrencyPath}); both null when the state sets neither.
 */
public record IntegerOrPath(Integer value, JsonPathExpr path) {
}
