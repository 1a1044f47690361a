package dev.pim.local.iam;

import dev.pim.local.iam.query.Constraints;
import dev.pim.local.iam.query.QueryResult;
import dev.pim.local.state.RoleState;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Managed policies attached to roles: AttachRolePolicy, DetachRolePolicy, ListAttachedRolePolicies. The
 * emulator keeps no catalogue of managed policies, so any well-formed policy ARN can be attached.
 */
final class RolePolicyActions {
    static final int ATTACHED_POLICIES_QUOTA = 10;
    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(aws|\\d{12}):policy(/(?:[^/]+/)*)([\\w+=,.@-]+)");

    /** A policy ARN split into what ListAttachedRolePolicies shows and filters on. */
    private record AttachedPolicy(String arn, String path, String name) {
    }

    private RolePolicyActions() {
    }

    static QueryResult attachRolePolicy(IamCall call) {
        RoleState role = call.modifiableRole();
        String arn = policyArn(call).arn();
        if (!role.attachedPolicyArns.contains(arn)) {
            if (role.attachedPolicyArns.size() >= ATTACHED_POLICIES_QUOTA) {
                throw IamErrors.quota("PoliciesPerRole", ATTACHED_POLICIES_QUOTA);
            }
            role.attachedPolicyArns.add(arn);
        }
        return QueryResult.none();
    }

    static QueryResult detachRolePolicy(IamCall call) {
        RoleState role = call.modifiableRole();
        String arn = policyArn(call).arn();
        if (!role.attachedPolicyArns.remove(arn)) {
            throw IamErrors.noSuchEntity("Policy " + arn + " was not found.");
        }
        return QueryResult.none();
    }

    static QueryResult listAttachedRolePolicies(IamCall call) {
        RoleState role = call.role();
        String prefix = call.params().optional("PathPrefix").orElse("/");
        List<AttachedPolicy> attached = role.attachedPolicyArns.stream()
                .map(RolePolicyActions::parse)
                .filter(policy -> policy.path().startsWith(prefix))
                .sorted(Comparator.comparing(AttachedPolicy::arn, String.CASE_INSENSITIVE_ORDER))
                .toList();
        Pager.Page<AttachedPolicy> page = Pager.page(attached, AttachedPolicy::arn, call.params(), Integer.MAX_VALUE);
        return QueryResult.of(out -> {
            out.list("AttachedPolicies", page.items(), (o, policy) ->
                    o.text("PolicyName", policy.name()).text("PolicyArn", policy.arn()));
            out.text("IsTruncated", page.truncated());
            page.nextMarker().ifPresent(marker -> out.text("Marker", marker));
        });
    }

    /** A policy ARN given as a parameter other than PolicyArn (PermissionsBoundary), checked the same way. */
    static String checkPolicyArn(String arn) {
        Constraints.length("PermissionsBoundary", arn, 20, 2048);
        return parse(arn).arn();
    }

    private static AttachedPolicy policyArn(IamCall call) {
        String arn = call.params().required("PolicyArn");
        Constraints.length("PolicyArn", arn, 20, 2048);
        return parse(arn);
    }

    private static AttachedPolicy parse(String arn) {
        Matcher m = POLICY_ARN.matcher(arn);
        if (!m.matches()) {
            throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
        }
        return new AttachedPolicy(arn, m.group(2), m.group(3));
    }
}
