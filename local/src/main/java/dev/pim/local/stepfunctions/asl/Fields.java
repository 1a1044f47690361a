package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.errors.Unsupported;
import dev.pim.local.stepfunctions.json.JsonPathExpr;
import dev.pim.local.stepfunctions.payload.PayloadTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object of a definition, checking types and collecting every problem (with
 * the JSON pointer of the field at fault) instead of stopping at the first.
 */
final class Fields {
    private final JsonNode node;
    private final String pointer;
    private final List<String> problems;

    Fields(JsonNode node, String pointer, List<String> problems) {
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    String at(String field) {
        return pointer + "/" + field;
    }

    boolean has(String field) {
        return node.has(field);
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    void problem(String code, String message, String field) {
        problems.add(code + ": " + message + " at " + (field == null ? pointer : at(field)));
    }

    /** A field of AWS's States Language that the local engine does not run. */
    void unsupported(String field) {
        problems.add(Unsupported.problem(at(field), "field " + field));
    }

    List<String> problems() {
        return problems;
    }

    void require(String... fields) {
        List<String> missing = new ArrayList<>();
        for (String field : fields) {
            if (!node.has(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: " + missing, null);
        }
    }

    void allowOnly(Set<String> allowed) {
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                problem("SCHEMA_VALIDATION_FAILED", "Field \"" + field + "\" is not supported", null);
            }
        });
    }

    String string(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: String", field);
            return null;
        }
        return value.textValue();
    }

    Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Boolean", field);
            return null;
        }
        return value.booleanValue();
    }

    /** An integer within bounds, or null when absent or invalid (a problem is recorded). */
    Integer integer(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || value.longValue() < min || value.longValue() > max) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected an integer from " + min + " to " + max, field);
            return null;
        }
        return value.intValue();
    }

    BigDecimal number(String field, BigDecimal min, BigDecimal max) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().compareTo(min) < 0 || value.decimalValue().compareTo(max) > 0) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected a number from " + min.toPlainString() + " to " + max.toPlainString(), field);
            return null;
        }
        return value.decimalValue();
    }

    JsonNode object(String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isObject()) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Object", field);
            return null;
        }
        return value;
    }

    JsonNode array(String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isArray()) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Array", field);
            return null;
        }
        return value;
    }

    /**
     * InputPath/OutputPath: a path, {@code $} when absent, null for an explicit JSON null.
     */
    JsonPathExpr nullablePath(String field) {
        if (!node.has(field)) {
            return JsonPathExpr.root();
        }
        if (node.get(field).isNull()) {
            return null;
        }
        return path(field, false);
    }

    /** A path field that must hold a Reference Path; null when absent or invalid. */
    JsonPathExpr referencePath(String field) {
        return node.has(field) ? path(field, true) : null;
    }

    JsonPathExpr path(String field, boolean reference) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        try {
            return reference ? JsonPathExpr.compileReference(text) : JsonPathExpr.compile(text);
        } catch (IllegalArgumentException e) {
            problem("INVALID_JSON_PATH", "Invalid JSON path in field '" + field + "': " + e.getMessage(), field);
            return null;
        }
    }

    ResultPath resultPath(String field) {
        if (!node.has(field)) {
            return ResultPath.DEFAULT;
        }
        if (node.get(field).isNull()) {
            return ResultPath.DISCARD;
        }
        JsonPathExpr path = path(field, true);
        if (path != null && path.readsContext()) {
            problem("INVALID_JSON_PATH", "ResultPath cannot write to the context object", field);
        }
        return new ResultPath(path);
    }

    PayloadTemplate template(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        return PayloadTemplate.compile(value, at(field), problems);
    }

    /** A number field or its {@code ...Path} twin, never both. */
    NumberOrPath numberOrPath(String field, BigDecimal min, BigDecimal max) {
        String pathField = field + "Path";
        if (has(field) && has(pathField)) {
            problem("SCHEMA_VALIDATION_FAILED", "Only one of " + field + " and " + pathField + " may be set", null);
        }
        return new NumberOrPath(number(field, min, max), referencePath(pathField));
    }

    /** Like {@link #numberOrPath}, for fields that only take whole numbers (seconds, counts, sizes). */
    NumberOrPath integerOrPath(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value != null && value.isNumber() && !value.isIntegralNumber()) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected an integer from " + min + " to " + max, field);
            return new NumberOrPath(null, referencePath(field + "Path"));
        }
        return numberOrPath(field, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }
}
