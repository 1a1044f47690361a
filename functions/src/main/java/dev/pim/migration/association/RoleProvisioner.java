package dev.pim.migration.association;

import dev.pim.migration.port.RoleAdminPort;
import dev.pim.migration.trust.TrustPolicy;

import java.util.Map;

/** Creates the roles of {@link RoleBlueprint}s, and deletes roles completely (policies first, as IAM requires). */
public final class RoleProvisioner {
    private static final String NO_STATEMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    private final RoleAdminPort roles;

    public RoleProvisioner(RoleAdminPort roles) {
        this.roles = roles;
    }

    /** The trust policy of a created role: the same Pod Identity statement the migration adds to existing roles. */
    public static String podIdentityTrust(String roleName) {
        return TrustPolicy.parse(roleName, NO_STATEMENT).ensurePodIdentity().policy().render();
    }

    /** Creates the role with its grants; if a grant fails, the half-made role is deleted again before the error goes on. */
    public String create(RoleBlueprint blueprint) {
        String arn = roles.createRole(blueprint.name(), blueprint.trustPolicy(), blueprint.description(),
                blueprint.permissionsBoundaryArn(), blueprint.tags());
        try {
            blueprint.grants().managedPolicyArns().forEach(policy -> roles.attachRolePolicy(blueprint.name(), policy));
            for (Map.Entry<String, String> inline : blueprint.grants().inlinePolicies().entrySet()) {
                roles.putRolePolicy(blueprint.name(), inline.getKey(), inline.getValue());
            }
        } catch (RuntimeException e) {
            deleteQuietly(blueprint.name(), e);
            throw e;
        }
        return arn;
    }

    /** Detaches every managed policy, deletes every inline one, then the role. */
    public void delete(String roleName) {
        roles.attachedPolicyArns(roleName).forEach(policy -> roles.detachRolePolicy(roleName, policy));
        roles.inlinePolicyNames(roleName).forEach(policy -> roles.deleteRolePolicy(roleName, policy));
        roles.deleteRole(roleName);
    }

    /** Undoes a creation that failed half-way; the first error is the one the user needs, so this one rides along. */
    void deleteQuietly(String roleName, RuntimeException cause) {
        try {
            delete(roleName);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
