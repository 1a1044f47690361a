package dev.pim.local.stepfunctions.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * The evaluated arguments of one call, with typed accessors that fail the way AWS reports bad arguments.
 *
 * @param rawTemplate for States.Format with a literal template: the template's text with its escapes kept
 */
record Arguments(String function, List<JsonNode> values, String rawTemplate) {

    int size() {
        return values.size();
    }

    JsonNode get(int index) {
        return values.get(index);
    }

    String string(int index) {
        JsonNode value = values.get(index);
        if (!value.isTextual()) {
            throw invalid("argument " + (index + 1) + " must be a string, got " + value);
        }
        return value.textValue();
    }

    ArrayNode array(int index) {
        JsonNode value = values.get(index);
        if (!value.isArray()) {
            throw invalid("argument " + (index + 1) + " must be an array, got " + value);
        }
        return (ArrayNode) value;
    }

    ObjectNode object(int index) {
        JsonNode value = values.get(index);
        if (!value.isObject()) {
            throw invalid("argument " + (index + 1) + " must be a JSON object, got " + value);
        }
        return (ObjectNode) value;
    }

    long integer(int index) {
        JsonNode value = values.get(index);
        if (!isInteger(value)) {
            throw invalid("argument " + (index + 1) + " must be an integer, got " + value);
        }
        return value.decimalValue().longValueExact();
    }

    IntrinsicException invalid(String reason) {
        return new IntrinsicException("Invalid arguments in " + function + ": " + reason);
    }

    static boolean isInteger(JsonNode value) {
        if (!value.isNumber()) {
            return false;
        }
        BigDecimal decimal = value.decimalValue().stripTrailingZeros();
        return decimal.scale() <= 0 && decimal.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0;
    }
}
