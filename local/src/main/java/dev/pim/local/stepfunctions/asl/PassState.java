package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * @param result the Result field, or null: without one the effective input is the result
 * @param next   null when the state ends its graph
 */
public record PassState(String name, DataFlow io, JsonNode result, String next) implements State {
    @Override
    public String type() {
        return "Pass";
    }
}
