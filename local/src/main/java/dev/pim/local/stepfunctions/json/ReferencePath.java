package dev.pim.local.stepfunctions.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Reference Path of the States Language: a JSONPath that can only name one node ({@code $}, {@code $.a.b},
 * {@code $.a[0]}), with no wildcards, filters, slices or unions. Reading one tells a missing node from a JSON
 * null, and writing one (ResultPath) creates the objects on the way. Bracket-quoted names ({@code $['a b']}) are
 * left out: no product definition needs them.
 */
public final class ReferencePath {
    private final String text;
    private final List<Object> steps;

    private ReferencePath(String text, List<Object> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /** Parses a reference path rooted at {@code $}; empty when the text is not one. */
    public static Optional<ReferencePath> parse(String text) {
        if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
            return Optional.empty();
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            int next = text.charAt(i) == '.' ? dotStep(text, i, steps) : bracketStep(text, i, steps);
            if (next < 0) {
                return Optional.empty();
            }
            i = next;
        }
        return Optional.of(new ReferencePath(text, steps));
    }

    public String text() {
        return text;
    }

    public boolean isRoot() {
        return steps.isEmpty();
    }

    /** The node the path names in {@code root}; empty when something on the way is missing or of another kind. */
    public Optional<JsonNode> read(JsonNode root) {
        JsonNode current = root;
        for (Object step : steps) {
            current = child(current, step);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /**
     * A copy of {@code root} with {@code value} at this path, creating missing objects on the way.
     *
     * @throws IllegalArgumentException when a node on the way is neither missing nor a container that fits
     */
    public JsonNode write(JsonNode root, JsonNode value) {
        if (steps.isEmpty()) {
            return value;
        }
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < steps.size() - 1; i++) {
            JsonNode child = child(parent, steps.get(i));
            if (child == null || child.isNull()) {
                child = createChild(parent, steps.get(i));
            }
            parent = child;
        }
        put(parent, steps.get(steps.size() - 1), value);
        return copy;
    }

    @Override
    public String toString() {
        return text;
    }

    private static JsonNode child(JsonNode node, Object step) {
        if (step instanceof String field) {
            return node.isObject() ? node.get(field) : null;
        }
        int index = (Integer) step;
        return node.isArray() && index < node.size() ? node.get(index) : null;
    }

    private JsonNode createChild(JsonNode parent, Object step) {
        if (!(step instanceof String field) || !parent.isObject()) {
            throw new IllegalArgumentException("cannot create " + describe(step) + " in " + kind(parent));
        }
        return ((ObjectNode) parent).putObject(field);
    }

    private void put(JsonNode parent, Object step, JsonNode value) {
        if (step instanceof String field && parent.isObject()) {
            ((ObjectNode) parent).set(field, value);
        } else if (step instanceof Integer index && parent.isArray() && index < parent.size()) {
            ((ArrayNode) parent).set(index, value);
        } else {
            throw new IllegalArgumentException("cannot set " + describe(step) + " in " + kind(parent));
        }
    }

    private static String describe(Object step) {
        return step instanceof String field ? "field '" + field + "'" : "index " + step;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static int dotStep(String text, int dot, List<Object> steps) {
        int end = dot + 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
            if ("]*?@,:()'\" \t\\$".indexOf(text.charAt(end)) >= 0) {
                return -1;
            }
            end++;
        }
        if (end == dot + 1) {
            return -1;
        }
        steps.add(text.substring(dot + 1, end));
        return end;
    }

    private static int bracketStep(String text, int open, List<Object> steps) {
        int close = text.indexOf(']', open);
        if (text.charAt(open) != '[' || close < 0) {
            return -1;
        }
        String index = text.substring(open + 1, close);
        if (!index.matches("\\d{1,9}")) {
            return -1;
        }
        steps.add(Integer.parseInt(index));
        return close + 1;
    }
}
