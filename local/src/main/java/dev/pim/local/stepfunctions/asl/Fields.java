package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.errors.Unsupported;
import dev.pim.local.stepfunctions.json.JsonPathExpr;
import dev.pim.local.stepfunctions.payload.PayloadTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object of a definition, checking types and collecting every problem (with
 * the JSON pointer of the field at fault) instead of stopping at the first.
 */
final class Fields {
    /**
     * Fields of AWS's States Language that the local engine leaves out (no product definition uses them): refused
     * as unsupported, not as unknown, wherever they appear.
     */
    private static final Set<String> LEFT_OUT = Set.of("TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
            "HeartbeatSecondsPath", "Credentials", "Assign", "Arguments", "Output", "Timestamp", "TimestampPath",
            "Parameters", "Iterator", "Label", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
            "ToleratedFailureCount", "ToleratedFailureCountPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");

    private final JsonNode node;
    private final String pointer;
    private final List<String> problems;

    Fields(JsonNode node, String pointer, List<String> problems) {
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    /** The fields of {@code field}'s value (an object), or null when it is absent or not an object. */
    Fields nested(String field) {
        JsonNode value = object(field);
        return value == null ? null : new Fields(value, at(field), problems);
    }

    /** The objects of the array {@code field} (a problem for each element that is not one). */
    List<Fields> objects(String field) {
        JsonNode array = array(field);
        List<Fields> out = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            Fields element = new Fields(array.get(i), at(field + "/" + i), problems);
            if (array.get(i).isObject()) {
                out.add(element);
            } else {
                element.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Object", null);
            }
        }
        return out;
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

    /** A feature of AWS's States Language that the local engine does not run. */
    void unsupported(String field, String what) {
        problems.add(Unsupported.problem(at(field), what));
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

    /** Refuses every other field: as unsupported when the States Language has it, else as unknown. */
    void allowOnly(Set<String> allowed) {
        for (String field : names()) {
            if (LEFT_OUT.contains(field) && !allowed.contains(field)) {
                unsupported(field, "field " + field);
            } else if (!allowed.contains(field) && !field.equals("Comment")) {
                problem("SCHEMA_VALIDATION_FAILED", "Field \"" + field + "\" is not supported", null);
            }
        }
    }

    String string(String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isTextual()) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: String", field);
            return null;
        }
        return value == null ? null : value.textValue();
    }

    boolean isTrue(String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isBoolean()) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Boolean", field);
        }
        return value != null && value.isBoolean() && value.booleanValue();
    }

    /** An integer within bounds, or null when absent or invalid (a problem is recorded). */
    Integer integer(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value != null && (!value.isIntegralNumber() || value.longValue() < min || value.longValue() > max)) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected an integer from " + min + " to " + max, field);
            return null;
        }
        return value == null ? null : value.intValue();
    }

    /** A number within bounds, or null when absent or invalid (a problem is recorded). */
    Double number(String field, double min, double max) {
        JsonNode value = node.get(field);
        if (value != null && (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max)) {
            problem("SCHEMA_VALIDATION_FAILED", "Expected a number from " + (long) min + " to " + (long) max, field);
            return null;
        }
        return value == null ? null : value.doubleValue();
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

    /** InputPath/OutputPath: a path, {@code $} when absent, null for an explicit JSON null. */
    JsonPathExpr nullablePath(String field) {
        if (!node.has(field)) {
            return JsonPathExpr.root();
        }
        return node.get(field).isNull() ? null : path(field, false);
    }

    /** A path field that must hold a Reference Path; null when absent or invalid. */
    JsonPathExpr referencePath(String field) {
        return node.has(field) ? path(field, true) : null;
    }

    private JsonPathExpr path(String field, boolean reference) {
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

    /** A Payload Template, or null when absent; any JSON value is one (only objects hold {@code .$} fields). */
    PayloadTemplate template(String field) {
        JsonNode value = node.get(field);
        return value == null ? null : PayloadTemplate.compile(value, at(field), problems);
    }

    /** A whole number field or its {@code ...Path} twin, never both. */
    IntegerOrPath integerOrPath(String field, long min) {
        String pathField = field + "Path";
        if (has(field) && has(pathField)) {
            problem("SCHEMA_VALIDATION_FAILED", "Only one of " + field + " and " + pathField + " may be set", null);
        }
        return new IntegerOrPath(integer(field, min, Integer.MAX_VALUE), referencePath(pathField));
    }
}
