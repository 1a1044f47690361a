package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.math.BigDecimal;

/**
 * A number given either in the definition ({@code TimeoutSeconds}) or by a reference path into the state's
 * input ({@code TimeoutSecondsPath}); both null when the state sets neither.
 */
public record NumberOrPath(BigDecimal value, JsonPathExpr path) {
    public static final NumberOrPath ABSENT = new NumberOrPath(null, null);

    public boolean isAbsent() {
        return value == null && path == null;
    }
}
