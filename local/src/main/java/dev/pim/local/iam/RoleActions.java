package dev.pim.local.iam;

import dev.pim.local.iam.query.Constraints;
import dev.pim.local.iam.query.QueryParams;
import dev.pim.local.iam.query.QueryResult;
import dev.pim.local.state.Ids;
import dev.pim.local.state.RoleState;

import java.util.List;
import java.util.regex.Pattern;

/** Roles and their trust policies: CreateRole, GetRole, ListRoles, UpdateAssumeRolePolicy, DeleteRole. */
final class RoleActions {
    static final int ROLES_QUOTA = 1000;
    private static final Pattern PATH = Pattern.compile("(/)|(/[\\x21-\\x7E]+/)");
    private static final Pattern PATH_PREFIX = Pattern.compile("/[\\x21-\\x7F]*");
    private static final Pattern POLICY_CHARACTERS = Pattern.compile("[\\x09\\x0A\\x0D\\x20-\\xFF]+");
    private static final Pattern DESCRIPTION = Pattern.compile("[\\x09\\x0A\\x0D\\x20-\\x7E\\xA1-\\xFF]*");

    private RoleActions() {
    }

    static QueryResult createRole(IamCall call) {
        QueryParams params = call.params();
        String name = call.roleName();
        String path = params.optional("Path").map(RoleActions::checkPath).orElse("/");
        String document = policyDocument(params, "AssumeRolePolicyDocument");
        String description = params.optional("Description").map(RoleActions::checkDescription).orElse(null);
        int maxSession = params.integer("MaxSessionDuration")
                .map(n -> Constraints.range("MaxSessionDuration", n, 3600, 43200)).orElse(3600);
        List<RoleState.Tag> tags = TagRules.tags(params, "Tags");
        TagRules.requireDistinctKeys(tags);
        // Kept and shown by GetRole; the emulator does not narrow the role's permissions by it.
        String boundary = params.optional("PermissionsBoundary").map(RolePolicyActions::checkPolicyArn).orElse(null);
        new TrustPolicyValidator(call.state()).validate(call.account(), document);
        if (call.account().role(name).isPresent()) {
            throw IamErrors.roleExists(name);
        }
        if (call.account().rolesInListingOrder().size() >= ROLES_QUOTA) {
            throw IamErrors.quota("RolesPerAccount", ROLES_QUOTA);
        }
        RoleState role = new RoleState(call.account().id, name, path, Ids.iamUniqueId("AROA"), call.state().now());
        role.trustPolicy = document;
        role.description = description;
        role.maxSessionDuration = maxSession;
        role.permissionsBoundaryArn = boundary;
        tags.forEach(tag -> role.tags.put(tag.key(), tag));
        call.account().putRole(role);
        return QueryResult.of(out -> {
            out.start("Role");
            RoleXml.write(out, role, RoleXml.Detail.CREATED);
            out.end();
        });
    }

    static QueryResult getRole(IamCall call) {
        RoleState role = call.role();
        return QueryResult.of(out -> {
            out.start("Role");
            RoleXml.write(out, role, RoleXml.Detail.FULL);
            out.end();
        });
    }

    static QueryResult listRoles(IamCall call) {
        String prefix = call.params().optional("PathPrefix").map(RoleActions::checkPathPrefix).orElse("/");
        List<RoleState> matching = call.account().rolesInListingOrder().stream()
                .filter(role -> role.path.startsWith(prefix))
                .toList();
        Pager.Page<RoleState> page = Pager.page(matching, role -> role.name, call.params(),
                call.state().behaviour.listRolesPageCap);
        return QueryResult.of(out -> {
            out.text("IsTruncated", page.truncated());
            page.nextMarker().ifPresent(marker -> out.text("Marker", marker));
            out.list("Roles", page.items(), (o, role) -> RoleXml.write(o, role, RoleXml.Detail.LISTED));
        });
    }

    /**
     * Replaces the whole trust policy, keeping the text exactly as submitted. EKS keeps seeing the previous
     * policy for a while (IAM propagation), so the change time and the previous text are recorded.
     */
    static QueryResult updateAssumeRolePolicy(IamCall call) {
        RoleState role = call.role();
        String document = policyDocument(call.params(), "PolicyDocument");
        if (role.unmodifiable()) {
            throw IamErrors.unmodifiable(role.name);
        }
        new TrustPolicyValidator(call.state()).validate(call.account(), document);
        role.previousTrustPolicy = role.trustPolicy;
        role.trustPolicy = document;
        role.trustPolicyChangedAt = call.state().now();
        return QueryResult.none();
    }

    static QueryResult deleteRole(IamCall call) {
        RoleState role = call.modifiableRole();
        if (!role.attachedPolicyArns.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        if (!role.inlinePolicies.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        call.account().removeRole(role.name);
        return QueryResult.none();
    }

    static String policyDocument(QueryParams params, String parameter) {
        String document = params.required(parameter);
        Constraints.length(parameter, document, 1, 131072);
        return Constraints.pattern(parameter, document, POLICY_CHARACTERS, "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    }

    private static String checkPath(String path) {
        Constraints.length("Path", path, 1, 512);
        return Constraints.pattern("Path", path, PATH, "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    }

    private static String checkPathPrefix(String prefix) {
        Constraints.length("PathPrefix", prefix, 1, 512);
        return Constraints.pattern("PathPrefix", prefix, PATH_PREFIX, "\\u002F[\\u0021-\\u007F]*");
    }

    private static String checkDescription(String description) {
        Constraints.length("Description", description, 0, 1000);
        return Constraints.pattern("Description", description, DESCRIPTION,
                "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
    }
}
