package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.json.JsonPathExpr;

/**
 * Exactly one of Seconds and SecondsPath is set.
 *
 * @param next null when the state ends its graph
 */
public record WaitState(String name, DataFlow io, Long seconds, JsonPathExpr secondsPath, String next) implements State {
    @Override
    public String type() {
        return "Wait";
    }
}
