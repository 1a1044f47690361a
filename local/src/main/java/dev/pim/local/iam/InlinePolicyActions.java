package dev.pim.local.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.iam.query.Constraints;
import dev.pim.local.iam.query.QueryResult;
import dev.pim.local.server.ApiError;
import dev.pim.local.state.RoleState;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A role's inline policies: PutRolePolicy, GetRolePolicy, ListRolePolicies, DeleteRolePolicy. Documents are kept
 * as submitted and checked only for what IAM refuses outright (not JSON, no Statement, the role's size quota).
 */
final class InlinePolicyActions {
    /** IAM's quota on the inline policies of one role together, counted without whitespace outside strings. */
    static final int ROLE_POLICY_SIZE_QUOTA = 10240;
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private InlinePolicyActions() {
    }

    static QueryResult putRolePolicy(IamCall call) {
        RoleState role = call.modifiableRole();
        String name = policyName(call);
        String document = RoleActions.policyDocument(call.params(), "PolicyDocument");
        requireStatements(document);
        int others = role.inlinePolicies.entrySet().stream().filter(e -> !e.getKey().equals(name))
                .mapToInt(e -> PolicyText.chargedLength(e.getValue())).sum();
        if (others + PolicyText.chargedLength(document) > ROLE_POLICY_SIZE_QUOTA) {
            throw ApiError.of("LimitExceeded", 409, "Maximum policy size of " + ROLE_POLICY_SIZE_QUOTA
                    + " bytes exceeded for role " + role.name);
        }
        role.inlinePolicies.put(name, document);
        return QueryResult.none();
    }

    static QueryResult getRolePolicy(IamCall call) {
        RoleState role = call.role();
        String name = policyName(call);
        String document = role.inlinePolicies.get(name);
        if (document == null) {
            throw IamErrors.noSuchEntity("The role policy with name " + name + " cannot be found.");
        }
        return QueryResult.of(out -> out.text("RoleName", role.name).text("PolicyName", name)
                .text("PolicyDocument", PolicyText.urlEncode(document)));
    }

    static QueryResult listRolePolicies(IamCall call) {
        RoleState role = call.role();
        List<String> names = role.inlinePolicies.keySet().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        Pager.Page<String> page = Pager.page(names, n -> n, call.params(), Integer.MAX_VALUE);
        return QueryResult.of(out -> {
            out.values("PolicyNames", page.items());
            out.text("IsTruncated", page.truncated());
            page.nextMarker().ifPresent(marker -> out.text("Marker", marker));
        });
    }

    static QueryResult deleteRolePolicy(IamCall call) {
        RoleState role = call.modifiableRole();
        String name = policyName(call);
        if (role.inlinePolicies.remove(name) == null) {
            throw IamErrors.noSuchEntity("The role policy with name " + name + " cannot be found.");
        }
        return QueryResult.none();
    }

    private static String policyName(IamCall call) {
        String name = call.params().required("PolicyName");
        Constraints.length("PolicyName", name, 1, 128);
        return Constraints.pattern("PolicyName", name, POLICY_NAME, "[\\w+=,.@-]+");
    }

    private static void requireStatements(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw IamErrors.malformedPolicy("Syntax errors in policy.");
        }
        if (root == null || !root.isObject() || !root.has("Statement")) {
            throw IamErrors.malformedPolicy("Syntax errors in policy.");
        }
    }
}
