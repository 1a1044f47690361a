package dev.pim.migration.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything discovery read about one cluster, in one consistent snapshot: the input of classification
 * and planning, which are pure functions of it.
 *
 * @param roles             every same-account role read, by ARN: those whose trust names this cluster's OIDC
 *                          provider (one ListRoles scan) and those annotations or add-ons refer to
 * @param missingRoles      role ARNs that annotations or add-ons refer to and IAM does not have
 * @param trustPolicyQuota  the account's trust-policy size quota (GetAccountSummary)
 * @param oidcProviderExists whether the account has an IAM OIDC provider for the cluster's issuer
 * @param oidcAudiences      the provider's client IDs: the audiences STS accepts in this cluster's tokens
 */
public record ClusterInventory(ClusterInfo cluster, List<ServiceAccountInfo> serviceAccounts,
                               List<WorkloadInfo> workloads, List<PodInfo> pods, List<NodeInfo> nodes,
                               List<FargateSelector> fargateSelectors, List<AddonInfo> addons,
                               List<AssociationInfo> associations, Map<String, RoleInfo> roles,
                               Set<String> missingRoles, int trustPolicyQuota, boolean oidcProviderExists,
                               Set<String> oidcAudiences) {

    /** The same inventory knowing one more role (a bridge role no binding names). */
    public ClusterInventory withRole(RoleInfo role) {
        Map<String, RoleInfo> more = new LinkedHashMap<>(roles);
        more.put(role.arn(), role);
        return new ClusterInventory(cluster, serviceAccounts, workloads, pods, nodes, fargateSelectors, addons,
                associations, more, missingRoles, trustPolicyQuota, oidcProviderExists, oidcAudiences);
    }
}
