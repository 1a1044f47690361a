package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.time.Instant;

/**
 * Exactly one of the four ways to say how long to wait is set.
 *
 * @param next null when the state ends its graph
 */
public record WaitState(String name, DataFlow io, Long seconds, Instant timestamp, JsonPathExpr secondsPath,
                        JsonPathExpr timestampPath, String next) implements State {
    @Override
    public String type() {
        return "Wait";
    }
}
