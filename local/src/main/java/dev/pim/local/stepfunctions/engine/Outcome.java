package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** What a state produced and where to go next; {@code next} null ends the graph. */
record Outcome(JsonNode output, String next) {
}
