package dev.pim.local.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.server.ApiError;
import dev.pim.local.state.AccountState;
import dev.pim.local.state.CloudState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM's checks of a role trust policy submitted by CreateRole or UpdateAssumeRolePolicy, in IAM's order:
 * JSON syntax, grammar, principals that must exist, then the account's size quota. Messages are IAM's own.
 */
public final class TrustPolicyValidator {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String INVALID_JSON = "This policy contains invalid Json";
    private static final String SYNTAX_ERRORS = "Syntax errors in policy.";
    private static final String NO_PRINCIPAL = "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException:"
            + " The passed in policy has a statement with no principals!";
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> EFFECTS = Set.of("Allow", "Deny");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Federated", "Service", "CanonicalUser");
    private static final Pattern OIDC_PROVIDER_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):oidc-provider/.+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/.+");
    /** What IAM shows in place of a role principal once that role is deleted; it cannot be submitted again. */
    private static final Pattern ROLE_UNIQUE_ID = Pattern.compile("AROA[A-Z0-9]{16,}");

    private final CloudState state;

    TrustPolicyValidator(CloudState state) {
        this.state = state;
    }

    /** Throws the error IAM gives for the first problem of {@code document} as a trust policy of {@code account}. */
    void validate(AccountState account, String document) {
        List<JsonNode> statements = grammaticalStatements(document);
        statements.forEach(this::checkPrincipalsExist);
        checkSize(document, account.assumeRolePolicySizeQuota);
    }

    /**
     * The checks that depend on nothing but the document and the account's quota (JSON syntax, grammar, size): no
     * role can hold a policy that fails them. Principals are left out: one named by a policy may be deleted later,
     * and IAM keeps the policy.
     *
     * @throws ApiError IAM's error for the first problem ({@code MalformedPolicyDocument}, {@code LimitExceeded})
     */
    public static void checkDocument(String document, int sizeQuota) {
        grammaticalStatements(document);
        checkSize(document, sizeQuota);
    }

    private static List<JsonNode> grammaticalStatements(String document) {
        List<JsonNode> statements = statements(parse(document));
        statements.forEach(TrustPolicyValidator::checkGrammar);
        return statements;
    }

    private static void checkSize(String document, int sizeQuota) {
        if (PolicyText.chargedLength(document) > sizeQuota) {
            throw IamErrors.quota("ACLSizePerRole", sizeQuota);
        }
    }

    private static JsonNode parse(String document) {
        try {
            JsonNode root = JSON.readTree(document);
            if (root == null || root.isMissingNode()) {
                throw IamErrors.malformedPolicy(INVALID_JSON);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw IamErrors.malformedPolicy(INVALID_JSON);
        }
    }

    private static List<JsonNode> statements(JsonNode root) {
        require(root.isObject());
        root.fieldNames().forEachRemaining(field -> require(TOP_LEVEL_FIELDS.contains(field)));
        JsonNode version = root.get("Version");
        require(version == null || (version.isTextual() && VERSIONS.contains(version.asText())));
        JsonNode id = root.get("Id");
        require(id == null || id.isTextual());
        JsonNode statement = root.get("Statement");
        require(statement != null && (statement.isObject() || (statement.isArray() && !statement.isEmpty())));
        List<JsonNode> out = new ArrayList<>();
        if (statement.isObject()) {
            out.add(statement);
        } else {
            statement.forEach(out::add);
        }
        out.forEach(s -> require(s.isObject()));
        return out;
    }

    private static void checkGrammar(JsonNode statement) {
        statement.fieldNames().forEachRemaining(field -> require(STATEMENT_FIELDS.contains(field)));
        JsonNode effect = statement.get("Effect");
        require(effect != null && effect.isTextual() && EFFECTS.contains(effect.asText()));
        require(!(statement.has("Action") && statement.has("NotAction")));
        if (!statement.has("Action") && !statement.has("NotAction")) {
            throw IamErrors.malformedPolicy("Policy statement must contain actions.");
        }
        require(stringOrStrings(statement.has("Action") ? statement.get("Action") : statement.get("NotAction")));
        checkCondition(statement.get("Condition"));
        for (String prohibited : List.of("Resource", "NotResource")) {
            if (statement.has(prohibited)) {
                throw IamErrors.malformedPolicy("Has prohibited field " + prohibited + ".");
            }
        }
        require(!(statement.has("Principal") && statement.has("NotPrincipal")));
        JsonNode principal = statement.has("Principal") ? statement.get("Principal") : statement.get("NotPrincipal");
        if (principal == null) {
            throw IamErrors.malformedPolicy(NO_PRINCIPAL);
        }
        checkPrincipalShape(principal);
    }

    private static void checkCondition(JsonNode condition) {
        if (condition == null) {
            return;
        }
        require(condition.isObject());
        condition.elements().forEachRemaining(operator -> {
            require(operator.isObject());
            operator.elements().forEachRemaining(value -> require(value.isValueNode() || stringOrStrings(value)));
        });
    }

    private static void checkPrincipalShape(JsonNode principal) {
        if (principal.isTextual()) {
            require(principal.asText().equals("*"));
            return;
        }
        require(principal.isObject() && !principal.isEmpty());
        principal.fields().forEachRemaining(e -> require(PRINCIPAL_TYPES.contains(e.getKey()) && stringOrStrings(e.getValue())));
    }

    private void checkPrincipalsExist(JsonNode statement) {
        JsonNode principal = statement.has("Principal") ? statement.get("Principal") : statement.get("NotPrincipal");
        if (!principal.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : iterable(principal)) {
            for (String value : strings(entry.getValue())) {
                if (!principalExists(entry.getKey(), value)) {
                    throw IamErrors.malformedPolicy("Invalid principal in policy: \"" + entry.getKey() + "\":\"" + value + "\"");
                }
            }
        }
    }

    private boolean principalExists(String type, String value) {
        if (type.equals("Federated")) {
            Matcher provider = OIDC_PROVIDER_ARN.matcher(value);
            return !provider.matches() || state.existingAccount(provider.group(1))
                    .map(account -> account.oidcProviders.containsKey(value)).orElse(false);
        }
        if (type.equals("AWS")) {
            if (ROLE_UNIQUE_ID.matcher(value).matches()) {
                return false;
            }
            return !ROLE_ARN.matcher(value).matches() || state.roleByArn(value).isPresent();
        }
        return true;
    }

    private static boolean stringOrStrings(JsonNode node) {
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

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(element -> out.add(element.asText()));
        }
        return out;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw IamErrors.malformedPolicy(SYNTAX_ERRORS);
        }
    }
}
