package dev.pim.local.stepfunctions.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.Optional;

/**
 * A JSONPath as the States Language uses it: rooted at {@code $} (the state's data) or at {@code $$} (the
 * context object). Paths that name one node are walked directly, so a missing field is told from a JSON null;
 * the others (wildcards, filters, slices, recursive descent) go through Jayway JsonPath, which is what AWS
 * Step Functions itself builds on.
 */
public final class JsonPathExpr {
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.mapper()))
            .mappingProvider(new JacksonMappingProvider(Json.mapper()))
            .build();
    private static final JsonPathExpr ROOT = new JsonPathExpr("$", false, ReferencePath.parse("$").orElseThrow(), null);

    private final String text;
    private final boolean context;
    private final ReferencePath reference;
    private final JsonPath jayway;

    private JsonPathExpr(String text, boolean context, ReferencePath reference, JsonPath jayway) {
        this.text = text;
        this.context = context;
        this.reference = reference;
        this.jayway = jayway;
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
        Optional<ReferencePath> reference = ReferencePath.parse(dataPath);
        if (reference.isPresent()) {
            return new JsonPathExpr(text, context, reference.get(), null);
        }
        try {
            JsonPath compiled = JsonPath.compile(dataPath);
            if (compiled.isDefinite()) {
                // Jayway accepts some broken text (an unclosed '[') as a definite path: anything definite the
                // local engine reads has parsed as a reference path above.
                throw new IllegalArgumentException("the path " + quote(text) + " is not a valid JSONPath, or names"
                        + " fields in a way the local engine does not read (it reads $.a.b and $.a[0])");
            }
            return new JsonPathExpr(text, context, null, compiled);
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
        if (path.reference == null) {
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
        return !context && reference != null && reference.isRoot();
    }

    /** The reference path, for writing (ResultPath); empty for paths that may select several nodes. */
    public Optional<ReferencePath> reference() {
        return Optional.ofNullable(reference);
    }

    /**
     * Selects from the state's data or from the context object, as the path says.
     *
     * @throws PathNotFoundException when the path selects nothing
     */
    public JsonNode select(JsonNode data, JsonNode contextObject) {
        JsonNode document = context ? contextObject : data;
        if (reference != null) {
            return reference.read(document).orElseThrow(() -> new PathNotFoundException(text,
                    "Invalid path '" + text + "' : No results for path: " + text));
        }
        try {
            Object result = JsonPath.using(JAYWAY).parse(document).read(jayway);
            return Json.toNode(result);
        } catch (com.jayway.jsonpath.PathNotFoundException e) {
            throw new PathNotFoundException(text, "Invalid path '" + text + "' : " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return text;
    }

    private static String quote(String text) {
        return text == null ? "null" : "'" + text + "'";
    }
}
