package dev.pim.migration.port;

import dev.pim.migration.inventory.RoleInfo;

import java.util.List;
import java.util.Optional;

/** What the migration needs from IAM. Implemented over the AWS SDK in {@code dev.pim.aws}. */
public interface IamPort {

    /** The role, with its trust policy decoded and its tags; empty when IAM has no such role. */
    Optional<RoleInfo> role(String roleName);

    /** Every role of the account (all pages; tags are not included). */
    List<RoleInfo> listRoles();

    /**
     * Replaces a role's trust policy.
     *
     * @throws TrustPolicyRejectedException when IAM refuses the document (quota, malformed, protected role)
     */
    void updateTrustPolicy(String roleName, String policyJson);

    /** The account's trust-policy size quota ({@code AssumeRolePolicySizeQuota}). */
    int trustPolicyQuota();

    /** The client IDs (the token audiences STS accepts) of an IAM OIDC provider; empty when there is no such provider. */
    Optional<List<String>> oidcProviderClientIds(String providerArn);

    default boolean oidcProviderExists(String providerArn) {
        return oidcProviderClientIds(providerArn).isPresent();
    }
}
