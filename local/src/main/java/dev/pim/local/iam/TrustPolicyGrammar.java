package dev.pim.local.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * IAM's grammar of a role trust policy: what CreateRole and UpdateAssumeRolePolicy refuse before they look at
 * principals or the size quota, in IAM's order. Each refusal carries IAM's own terse message (what the API
 * answers) and a precise one naming the element (what a fixture author needs).
 */
public final class TrustPolicyGrammar {
    static final String INVALID_JSON = "This policy contains invalid Json";
    static final String SYNTAX_ERRORS = "Syntax errors in policy.";
    static final String NO_PRINCIPAL = "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException:"
            + " The passed in policy has a statement with no principals!";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> EFFECTS = Set.of("Allow", "Deny");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Federated", "Service", "CanonicalUser");

    /**
     * Why IAM refuses a document.
     *
     * @param iamMessage what IAM answers (MalformedPolicyDocument)
     * @param detail     which element is wrong and how
     */
    public record Problem(String iamMessage, String detail) {
    }

    private TrustPolicyGrammar() {
    }

    /** The first problem IAM finds in {@code document}, or empty when IAM's grammar accepts it. */
    public static Optional<Problem> firstProblem(String document) {
        try {
            statements(document);
            return Optional.empty();
        } catch (Refusal r) {
            return Optional.of(r.problem);
        }
    }

    /** The statements of a document, each checked against the grammar; throws IAM's error for the first problem. */
    static List<JsonNode> checkedStatements(String document) {
        try {
            return statements(document);
        } catch (Refusal r) {
            throw IamErrors.malformedPolicy(r.problem.iamMessage());
        }
    }

    private static List<JsonNode> statements(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new Refusal(INVALID_JSON, "it is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new Refusal(INVALID_JSON, "it is empty");
        }
        require(root.isObject(), "the policy is not a JSON object");
        root.fieldNames().forEachRemaining(field -> require(TOP_LEVEL_FIELDS.contains(field),
                "unknown top-level element '" + field + "' (IAM knows Id, Statement, Version)"));
        JsonNode version = root.get("Version");
        require(version == null || (version.isTextual() && VERSIONS.contains(version.asText())),
                "Version must be 2012-10-17 or 2008-10-17, got '" + (version == null ? "" : version.asText()) + "'");
        JsonNode id = root.get("Id");
        require(id == null || id.isTextual(), "Id must be a string");
        JsonNode statement = root.get("Statement");
        require(statement != null && (statement.isObject() || (statement.isArray() && !statement.isEmpty())),
                "Statement must be a statement or a non-empty list of statements");
        List<JsonNode> out = new ArrayList<>();
        if (statement.isObject()) {
            out.add(statement);
        } else {
            statement.forEach(out::add);
        }
        for (int i = 0; i < out.size(); i++) {
            require(out.get(i).isObject(), "Statement[" + i + "] is not an object");
        }
        for (int i = 0; i < out.size(); i++) {
            checkStatement(out.get(i), "Statement[" + i + "]");
        }
        return out;
    }

    private static void checkStatement(JsonNode statement, String at) {
        statement.fieldNames().forEachRemaining(field -> require(STATEMENT_FIELDS.contains(field),
                at + " has an unknown element '" + field + "'"));
        JsonNode effect = statement.get("Effect");
        require(effect != null && effect.isTextual() && EFFECTS.contains(effect.asText()),
                at + ".Effect must be Allow or Deny, got " + (effect == null ? "nothing" : "'" + effect.asText() + "'"));
        require(!(statement.has("Action") && statement.has("NotAction")), at + " has both Action and NotAction");
        if (!statement.has("Action") && !statement.has("NotAction")) {
            throw new Refusal("Policy statement must contain actions.", at + " has no Action");
        }
        String actionField = statement.has("Action") ? "Action" : "NotAction";
        require(stringOrStrings(statement.get(actionField)), at + "." + actionField + " must be a string or a list of strings");
        checkCondition(statement.get("Condition"), at + ".Condition");
        for (String prohibited : List.of("Resource", "NotResource")) {
            if (statement.has(prohibited)) {
                throw new Refusal("Has prohibited field " + prohibited + ".", at + "." + prohibited
                        + " is not allowed in a trust policy (the role is the resource)");
            }
        }
        require(!(statement.has("Principal") && statement.has("NotPrincipal")), at + " has both Principal and NotPrincipal");
        // The IAM User Guide (NotPrincipal): "NotPrincipal must be used with Effect Deny. Using it with Allow is not supported."
        require(!(statement.has("NotPrincipal") && effect.asText().equals("Allow")),
                at + " has NotPrincipal with Effect Allow; IAM takes NotPrincipal only in a Deny");
        String principalField = statement.has("Principal") ? "Principal" : "NotPrincipal";
        JsonNode principal = statement.get(principalField);
        if (principal == null) {
            throw new Refusal(NO_PRINCIPAL, at + " has no Principal");
        }
        String shape = at + "." + principalField + " must be \"*\" or a map of AWS, Federated, Service or CanonicalUser "
                + "to a string or a list of strings";
        if (principal.isTextual()) {
            require(principal.asText().equals("*"), shape);
            return;
        }
        require(principal.isObject() && !principal.isEmpty(), shape);
        principal.fields().forEachRemaining(e -> require(PRINCIPAL_TYPES.contains(e.getKey()) && stringOrStrings(e.getValue()),
                shape));
    }

    private static void checkCondition(JsonNode condition, String at) {
        if (condition == null) {
            return;
        }
        String shape = at + " must map operators to objects of keys and a value or a list of values";
        require(condition.isObject(), shape);
        condition.elements().forEachRemaining(operator -> {
            require(operator.isObject(), shape);
            operator.elements().forEachRemaining(value -> require(value.isValueNode() || stringOrStrings(value), shape));
        });
    }

    static boolean stringOrStrings(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return true;
        }
        if (!node.isArray() || node.isEmpty()) {
            return false;
        }
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new Refusal(SYNTAX_ERRORS, detail);
        }
    }

    /** Unwinds the checks at the first problem. */
    private static final class Refusal extends RuntimeException {
        private final Problem problem;

        Refusal(String iamMessage, String detail) {
            super(detail, null, false, false);
            this.problem = new Problem(iamMessage, detail);
        }
    }
}
