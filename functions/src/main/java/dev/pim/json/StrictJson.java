package dev.pim.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON that a person or another system wrote (an execution input, a Lambda event, a queue message), read strictly:
 * an unknown field, a duplicate key or a value of another type is refused, with no quiet conversion ({@code "true"}
 * is not {@code true}, {@code 2.5} is not {@code 2}, {@code 42} is not {@code "42"}), and the refusal names the field,
 * what it must be and what it got.
 */
public final class StrictJson {
    private final ObjectMapper mapper;
    private final String what;

    /** @param what how messages call the whole document: {@code the event}, {@code the message} */
    public StrictJson(String what) {
        this.what = what;
        this.mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /**
     * Builds and caches the deserializers of {@code type} (SnapStart priming: done before the snapshot, not at the
     * first event), reading an empty document as one; whether it is a valid {@code type} does not matter.
     */
    public void warm(Class<?> type) {
        mapper.readerFor(type);
        try {
            read("{}", type);
        } catch (IllegalArgumentException notAValidOne) {
            // The deserializers are built either way.
        }
    }

    /**
     * The document as a {@code type}; null for the JSON literal {@code null}.
     *
     * @throws InvalidJsonException naming the field at fault and why
     */
    public <T> T read(String json, Class<T> type) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidJsonException(what + " is empty; expected " + expected(type), null);
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(problem(e, tree), e);
        }
    }

    private String problem(JsonProcessingException e, JsonNode tree) {
        if (!(e instanceof JsonMappingException m)) {
            return what + " cannot be read: " + e.getOriginalMessage();
        }
        String path = path(m);
        if (m instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + path + "' in " + what + " (known: " + u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
        }
        String subject = path.isEmpty() ? what : "field '" + path + "' of " + what;
        if (m instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return subject + " must be " + expected(mismatch.getTargetType()) + ", got " + got(at(tree, m));
        }
        return subject + ": " + m.getOriginalMessage();
    }

    /** Where in the document: {@code input.maxConcurrency}, {@code Records[0].body}. */
    public static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static JsonNode at(JsonNode tree, JsonMappingException e) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : e.getPath()) {
            node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
        }
        return node;
    }

    private static String expected(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || JsonNode.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        String name = type.getName().substring(type.getName().lastIndexOf('.') + 1).replace('$', '.');
        return "a JSON object (" + name + ")";
    }

    private static String got(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "the string \"" + node.asText() + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        return node.isArray() ? "an array" : "an object";
    }
}
