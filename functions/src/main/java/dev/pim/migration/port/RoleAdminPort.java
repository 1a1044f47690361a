package dev.pim.migration.port;

import java.util.List;
import java.util.Map;

/**
 * What association management needs from IAM beyond the migration's {@link IamPort}: creating the roles it
 * gives associations, and deleting them again (IAM requires policies to be detached and inline ones deleted
 * first). Implemented over the AWS SDK in {@code dev.pim.aws}.
 */
public interface RoleAdminPort {

    /**
     * @param permissionsBoundaryArn the boundary, or null
     * @return the new role's ARN
     * @throws IllegalStateException naming the role when one of that name exists already
     */
    String createRole(String roleName, String trustPolicyJson, String description, String permissionsBoundaryArn,
                      Map<String, String> tags);

    void attachRolePolicy(String roleName, String policyArn);

    /** Creates or replaces the role's inline policy of that name. */
    void putRolePolicy(String roleName, String policyName, String policyDocument);

    /** The managed policies attached to the role (all pages). */
    List<String> attachedPolicyArns(String roleName);

    /** The names of the role's inline policies (all pages). */
    List<String> inlinePolicyNames(String roleName);

    void detachRolePolicy(String roleName, String policyArn);

    void deleteRolePolicy(String roleName, String policyName);

    /** Deletes the role; one already gone counts as deleted. */
    void deleteRole(String roleName);
}
