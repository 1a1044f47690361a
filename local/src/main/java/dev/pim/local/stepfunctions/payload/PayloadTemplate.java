package dev.pim.local.stepfunctions.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.errors.Unsupported;
import dev.pim.local.stepfunctions.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payload Template (Parameters, ResultSelector, ItemSelector): JSON whose fields named {@code something.$},
 * however deeply nested, are replaced by {@code something} with the value of their path or intrinsic call.
 * Compiled once from the definition, so syntax errors surface at CreateStateMachine.
 */
public final class PayloadTemplate {
    private final JsonNode template;
    private final Map<String, DynamicValue> dynamicByPointer;

    private PayloadTemplate(JsonNode template, Map<String, DynamicValue> dynamicByPointer) {
        this.template = template;
        this.dynamicByPointer = dynamicByPointer;
    }

    /**
     * @param problems receives one message per bad {@code .$} field, naming it by JSON pointer under {@code at}
     */
    public static PayloadTemplate compile(JsonNode template, String at, List<String> problems) {
        Map<String, DynamicValue> dynamic = new java.util.HashMap<>();
        collect(template, "", at, dynamic, problems);
        return new PayloadTemplate(template, Map.copyOf(dynamic));
    }

    public JsonNode template() {
        return template;
    }

    /** Fills the template from the state's data and the context object. */
    public JsonNode apply(JsonNode data, JsonNode context) {
        return fill(template, "", data, context);
    }

    private JsonNode fill(JsonNode node, String pointer, JsonNode data, JsonNode context) {
        if (node.isObject()) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String childPointer = pointer + "/" + escape(field.getKey());
                DynamicValue dynamic = dynamicByPointer.get(childPointer);
                if (dynamic != null) {
                    String name = field.getKey().substring(0, field.getKey().length() - 2);
                    out.set(name, dynamic.evaluate(data, context, field.getKey()));
                } else {
                    out.set(field.getKey(), fill(field.getValue(), childPointer, data, context));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.array();
            for (int i = 0; i < node.size(); i++) {
                out.add(fill(node.get(i), pointer + "/" + i, data, context));
            }
            return out;
        }
        return node;
    }

    private static void collect(JsonNode node, String pointer, String at, Map<String, DynamicValue> dynamic,
                                List<String> problems) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String childPointer = pointer + "/" + escape(name);
                JsonNode value = node.get(name);
                if (name.endsWith(".$")) {
                    compileDynamic(name, value, at + childPointer, childPointer, dynamic, problems);
                } else {
                    collect(value, childPointer, at, dynamic, problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, at, dynamic, problems);
            }
        }
    }

    /** JSON Pointer escaping, so that a field named "a/b" cannot be mistaken for "b" inside "a". */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static void compileDynamic(String name, JsonNode value, String where, String pointer,
                                       Map<String, DynamicValue> dynamic, List<String> problems) {
        if (!value.isTextual()) {
            problems.add("SCHEMA_VALIDATION_FAILED: The value for the field '" + name
                    + "' must be a STRING that contains a JSONPath or an intrinsic function at " + where);
            return;
        }
        try {
            dynamic.put(pointer, DynamicValue.compile(value.textValue(), false));
        } catch (IntrinsicCall.UnsupportedIntrinsicException e) {
            problems.add(Unsupported.problem(where, e.getMessage() + " (in field '" + name + "')"));
        } catch (IllegalArgumentException e) {
            problems.add("INVALID_JSON_PATH: The value for the field '" + name + "' must be a valid JSONPath or a valid"
                    + " intrinsic function call: " + e.getMessage() + " at " + where);
        }
    }
}
