package dev.pim.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON for the definition: nodes built from key/value pairs in the order given, and text laid out as the committed
 * file always was (two-space indent, one value a line, {@code "key": value}), so a regenerated file diffs cleanly.
 */
final class AslJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private AslJson() {
    }

    /** An object from pairs: a key, then its value (a String, Boolean, Number, JsonNode or List of those). */
    static ObjectNode obj(Object... pairs) {
        ObjectNode node = MAPPER.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], value(pairs[i + 1]));
        }
        return node;
    }

    static ArrayNode arr(Object... values) {
        ArrayNode node = MAPPER.createArrayNode();
        for (Object v : values) {
            node.add(value(v));
        }
        return node;
    }

    private static JsonNode value(Object v) {
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof List<?> list) {
            return arr(list.toArray());
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return MAPPER.getNodeFactory().numberNode(d.intValue());
        }
        return MAPPER.valueToTree(v);
    }

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, 0, out);
        return out.append('\n').toString();
    }

    private static void write(JsonNode node, int depth, StringBuilder out) {
        String indent = "  ".repeat(depth + 1);
        if (node.isObject() && !node.isEmpty()) {
            out.append("{\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.append(indent).append(MAPPER.getNodeFactory().textNode(field.getKey())).append(": ");
                write(field.getValue(), depth + 1, out);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            out.append("  ".repeat(depth)).append('}');
        } else if (node.isArray() && !node.isEmpty()) {
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                out.append(indent);
                write(node.get(i), depth + 1, out);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            out.append("  ".repeat(depth)).append(']');
        } else {
            out.append(node.isObject() ? "{}" : node.isArray() ? "[]" : node.toString());
        }
    }
}
