package dev.pim.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.server.ApiError;
import dev.pim.local.state.AccountState;
import dev.pim.local.state.CloudState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM's checks of a role trust policy submitted by CreateRole or UpdateAssumeRolePolicy, in IAM's order:
 * JSON syntax and grammar ({@link TrustPolicyGrammar}), principals that must exist, then the account's size quota.
 * Messages are IAM's own.
 */
public final class TrustPolicyValidator {
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
        List<JsonNode> statements = TrustPolicyGrammar.checkedStatements(document);
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
        TrustPolicyGrammar.checkedStatements(document);
        checkSize(document, sizeQuota);
    }

    private static void checkSize(String document, int sizeQuota) {
        if (PolicyText.chargedLength(document) > sizeQuota) {
            throw IamErrors.quota("ACLSizePerRole", sizeQuota);
        }
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
}
