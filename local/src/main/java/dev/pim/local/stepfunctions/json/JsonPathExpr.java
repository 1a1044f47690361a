package dev.pim.local.stepfunctions.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSONPath as the States Language uses it, rooted at {@code $} (the state's data) or at {@code $$} (the
 * context object), compiled by Jayway JsonPath, which AWS Step Functions itself builds on. A Reference Path (one
 * that names a single node: {@code $.a.b}, {@code $.a[0]}, {@code $['a b']}) is read and written as a JSON Pointer,
 * so a missing node is told from a JSON null and ResultPath can create the objects on its way; the other paths
 * (wildcards, filters, slices, recursive descent) are read by Jayway.
 */
public final class JsonPathExpr {
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.mapper()))
            .mappingProvider(new JacksonMappingProvider(Json.mapper()))
            .build();
    /** One step of Jayway's normalized form of a definite path: {@code ['name']} or {@code [index]}. */
    private static final Pattern NORMALIZED_STEP = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)']|\\[(\\d{1,9})]");
    private static final JsonPathExpr ROOT = compile("$");

    private final String text;
    private final boolean context;
    private final JsonPath jayway;
    /** The node a Reference Path names; null for paths that may select several nodes. */
    private final JsonPointer pointer;

    private JsonPathExpr(String text, boolean context, JsonPath jayway, JsonPointer pointer) {
        this.text = text;
        this.context = context;
        this.jayway = jayway;
        this.pointer = pointer;
    }

    /** {@code $}: the whole input. */
    public static JsonPathExpr root() {
        return ROOT;
    }

    /**
     * Compiles a path; {@code $$...} paths read the context object.
     *
     * @throws IllegalArgumentException naming what is wrong with the syntax
     */
    public static JsonPathExpr compile(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("a path must start with '$' but was " + quote(text));
        }
        boolean context = text.startsWith("$$");
        String dataPath = context ? text.substring(1) : text;
        // Jayway reads an unclosed '[' as the end of the path: refuse it as AWS does.
        if (dataPath.chars().filter(c -> c == '[').count() != dataPath.chars().filter(c -> c == ']').count()) {
            throw new IllegalArgumentException("the path " + quote(text) + " is not a valid JSONPath: unbalanced brackets");
        }
        try {
            JsonPath compiled = JsonPath.compile(dataPath);
            return new JsonPathExpr(text, context, compiled, compiled.isDefinite() ? pointer(compiled.getPath()) : null);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("the path " + quote(text) + " is not a valid JSONPath: " + e.getMessage(), e);
        }
    }

    /**
     * Compiles a Reference Path: one that names a single node ({@code $.a.b[0]}), as ResultPath, Choice
     * variables and the {@code ...Path} fields require.
     */
    public static JsonPathExpr compileReference(String text) {
        JsonPathExpr path = compile(text);
        if (path.pointer == null) {
            throw new IllegalArgumentException("the path " + quote(text)
                    + " is not a valid Reference Path: it must name a single node, without '*', '..', '?', '@', ',' or ':'");
        }
        return path;
    }

    public String text() {
        return text;
    }

    public boolean readsContext() {
        return context;
    }

    public boolean isRoot() {
        return !context && pointer != null && pointer.matches();
    }

    /** Selects from the state's data or from the context object, as the path says; null when it selects nothing. */
    public JsonNode find(JsonNode data, JsonNode contextObject) {
        JsonNode document = context ? contextObject : data;
        if (pointer != null) {
            JsonNode found = document.at(pointer);
            return found.isMissingNode() ? null : found;
        }
        try {
            return Json.toNode(JsonPath.using(JAYWAY).parse(document).read(jayway));
        } catch (com.jayway.jsonpath.PathNotFoundException e) {
            return null;
        }
    }

    /**
     * A copy of {@code root} with {@code value} at this Reference Path, creating missing (or null) objects on the
     * way, as ResultPath does.
     *
     * @throws IllegalArgumentException when a node on the way is neither missing nor a container that fits
     */
    public JsonNode write(JsonNode root, JsonNode value) {
        if (pointer.matches()) {
            return value;
        }
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy.at(pointer.head());
        try {
            if ((parent.isMissingNode() || parent.isNull()) && copy instanceof ObjectNode object) {
                parent = object.withObject(pointer.head(), JsonNode.OverwriteMode.NULLS, false);
            }
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        JsonPointer last = pointer.last();
        if (parent instanceof ObjectNode object) {
            object.set(last.getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode array && last.mayMatchElement() && last.getMatchingIndex() < array.size()) {
            array.set(last.getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("cannot set " + last + " in " + parent.getNodeType());
        }
        return copy;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The JSON Pointer of Jayway's normalized definite path ({@code $['a'][0]}), or null for one of several names. */
    private static JsonPointer pointer(String normalized) {
        JsonPointer pointer = JsonPointer.empty();
        Matcher step = NORMALIZED_STEP.matcher(normalized);
        int at = 1;
        while (at < normalized.length()) {
            if (!step.find(at) || step.start() != at) {
                return null;
            }
            pointer = step.group(1) != null ? pointer.appendProperty(step.group(1).replaceAll("\\\\(.)", "$1"))
                    : pointer.appendIndex(Integer.parseInt(step.group(2)));
            at = step.end();
        }
        return pointer;
    }

    private static String quote(String text) {
        return text == null ? "null" : "'" + text + "'";
    }
}
