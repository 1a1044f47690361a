package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

/**
 * A top-level Choice Rule as the product writes them: {@code Variable} compared by {@code StringEquals} or
 * {@code BooleanEquals} with a literal, leading to {@code next}.
 *
 * @param operator {@code StringEquals} or {@code BooleanEquals}
 */
public record ChoiceRule(JsonPathExpr variable, String operator, JsonNode operand, String next) {
    public static final String STRING_EQUALS = "StringEquals";
    public static final String BOOLEAN_EQUALS = "BooleanEquals";
}
