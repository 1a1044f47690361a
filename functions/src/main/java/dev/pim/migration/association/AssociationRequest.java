package dev.pim.migration.association;

import dev.pim.migration.ServiceAccountRef;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of {@code iam.podIdentityAssociations} (or the same given as flags), validated by
 * {@link AssociationRules}. Either {@code roleArn} names an existing role, or a role is created from the other
 * fields.
 *
 * @param roleName               the role to create; null: a deterministic name ({@link RoleNaming})
 * @param permissionPolicy       an inline policy document (JSON), or null
 * @param permissionsBoundaryArn the created role's boundary, or null
 * @param tags                   tags of the created role (or of the association, when the role exists)
 */
public record AssociationRequest(ServiceAccountRef serviceAccount, String roleArn, String roleName,
                                 List<String> permissionPolicyArns, String permissionPolicy,
                                 List<WellKnownPolicy> wellKnownPolicies, String permissionsBoundaryArn,
                                 Map<String, String> tags) {

    public AssociationRequest {
        permissionPolicyArns = List.copyOf(permissionPolicyArns);
        wellKnownPolicies = List.copyOf(wellKnownPolicies);
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** Only the service account: what get and delete need. */
    public static AssociationRequest of(ServiceAccountRef serviceAccount) {
        return new AssociationRequest(serviceAccount, null, null, List.of(), null, List.of(), null, Map.of());
    }

    /** Whether a role is to be created for it (no roleARN given). */
    public boolean createsRole() {
        return roleArn == null;
    }
}
