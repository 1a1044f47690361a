package dev.pim.migration.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns trust-policy text into the model, failing with a message that names the role and the fault. */
final class TrustPolicyParser {
    // Strict where a lenient reader would guess: duplicate keys and trailing text make the document ambiguous.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final String roleArn;

    private TrustPolicyParser(String roleArn) {
        this.roleArn = roleArn;
    }

    static TrustPolicy parse(String roleArn, String json) {
        return new TrustPolicyParser(roleArn).document(readTree(roleArn, json));
    }

    private static JsonNode readTree(String roleArn, String json) {
        if (json == null || json.isBlank()) {
            throw new TrustPolicyException("role " + roleArn + ": trust policy is empty");
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
            throw new TrustPolicyException(
                    "role " + roleArn + ": trust policy is not valid JSON: " + e.getOriginalMessage() + where, e);
        }
    }

    private TrustPolicy document(JsonNode root) {
        if (!root.isObject()) {
            throw fault("trust policy must be a JSON object, found " + kind(root));
        }
        JsonNode statement = root.get(TrustPolicy.STATEMENT);
        if (statement == null) {
            throw fault("trust policy has no Statement");
        }
        if (!statement.isObject() && !statement.isArray()) {
            throw fault("Statement must be an object or an array, found " + kind(statement));
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(nodes::add);
        } else {
            nodes.add(statement);
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            statements.add(statement(nodes.get(i), "statement " + (i + 1)));
        }
        return new TrustPolicy(text(root, TrustPolicy.VERSION, "trust policy"), text(root, TrustPolicy.ID, "trust policy"),
                statements, statement.isArray(), layout(root, TrustPolicy.KNOWN_KEYS));
    }

    private Statement statement(JsonNode node, String where) {
        if (!node.isObject()) {
            throw fault(where + " must be an object, found " + kind(node));
        }
        return new Statement(
                text(node, Statement.SID, where), text(node, Statement.EFFECT, where),
                principal(node, Statement.PRINCIPAL, where), principal(node, Statement.NOT_PRINCIPAL, where),
                values(node, Statement.ACTION, where), values(node, Statement.NOT_ACTION, where),
                condition(node.get(Statement.CONDITION), where), layout(node, Statement.KNOWN_KEYS));
    }

    private Optional<Principal> principal(JsonNode statement, String key, String where) {
        JsonNode node = statement.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(new Principal.Literal(node.textValue()));
        }
        if (!node.isObject()) {
            throw fault(where + ": " + key + " must be a string or an object, found " + kind(node));
        }
        List<Principal.Entry> entries = new ArrayList<>();
        node.properties().forEach(field -> entries.add(
                new Principal.Entry(field.getKey(), values(field.getValue(), where + ": " + key + "." + field.getKey()))));
        return Optional.of(new Principal.Typed(entries));
    }

    private Optional<Condition> condition(JsonNode node, String where) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw fault(where + ": Condition must be an object, found " + kind(node));
        }
        List<Condition.Block> blocks = new ArrayList<>();
        node.properties().forEach(operator -> {
            String path = where + ": Condition." + operator.getKey();
            if (!operator.getValue().isObject()) {
                throw fault(path + " must be an object, found " + kind(operator.getValue()));
            }
            List<Condition.Entry> entries = new ArrayList<>();
            operator.getValue().properties().forEach(entry -> entries.add(
                    new Condition.Entry(entry.getKey(), values(entry.getValue(), path + "." + entry.getKey()))));
            blocks.add(new Condition.Block(operator.getKey(), entries));
        });
        return Optional.of(new Condition(blocks));
    }

    private Optional<PolicyValues> values(JsonNode statement, String key, String where) {
        JsonNode node = statement.get(key);
        return node == null ? Optional.empty() : Optional.of(values(node, where + ": " + key));
    }

    private PolicyValues values(JsonNode node, String path) {
        if (!node.isArray()) {
            return new PolicyValues(List.of(scalar(node, path)), false);
        }
        List<JsonScalar> items = new ArrayList<>();
        node.forEach(item -> items.add(scalar(item, path)));
        return new PolicyValues(items, true);
    }

    private JsonScalar scalar(JsonNode node, String path) {
        if (node.isTextual()) {
            return JsonScalar.string(node.textValue());
        }
        if (node.isNumber()) {
            return new JsonScalar(JsonScalar.Kind.NUMBER, node.asText());
        }
        if (node.isBoolean()) {
            return new JsonScalar(JsonScalar.Kind.BOOLEAN, node.asText());
        }
        if (node.isNull()) {
            return new JsonScalar(JsonScalar.Kind.NULL, "null");
        }
        throw fault(path + " must be a string, number, boolean or a list of them, found " + kind(node));
    }

    private Optional<String> text(JsonNode object, String key, String where) {
        JsonNode node = object.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw fault(where + ": " + key + " must be a string, found " + kind(node));
        }
        return Optional.of(node.textValue());
    }

    private static ObjectLayout layout(JsonNode object, List<String> knownKeys) {
        List<String> keys = new ArrayList<>();
        Map<String, String> unknown = new LinkedHashMap<>();
        object.properties().forEach(field -> {
            keys.add(field.getKey());
            if (!knownKeys.contains(field.getKey())) {
                unknown.put(field.getKey(), field.getValue().toString());
            }
        });
        return new ObjectLayout(keys, unknown);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private TrustPolicyException fault(String what) {
        return new TrustPolicyException("role " + roleArn + ": " + what);
    }
}
