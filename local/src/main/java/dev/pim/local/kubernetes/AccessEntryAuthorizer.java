package dev.pim.local.kubernetes;

import dev.pim.local.state.AccessEntryState;
import dev.pim.local.state.AccessEntryState.AssociatedPolicy;
import dev.pim.local.state.ClusterState;

import java.util.Set;

/**
 * EKS access entries as the cluster's authoriser: the caller's entry (keyed by its IAM principal) grants what
 * its associated access policies grant, cluster-wide or in the namespaces of their scope. The
 * {@code system:masters} group grants everything, as it does through RBAC.
 */
final class AccessEntryAuthorizer {
    private static final String POLICY_PREFIX = "arn:aws:eks::aws:cluster-access-policy/";
    private static final Set<String> READ_WRITE = Set.of("AmazonEKSClusterAdminPolicy", "AmazonEKSAdminPolicy",
            "AmazonEKSEditPolicy");
    private static final Set<String> READ_ONLY = Set.of("AmazonEKSViewPolicy", "AmazonEKSAdminViewPolicy");

    private AccessEntryAuthorizer() {
    }

    /**
     * Throws the API server's 403 unless the caller may do this.
     *
     * @param namespace the namespace the request is in, null for cluster-scoped requests (nodes, lists across
     *                  namespaces); a namespace's own object counts as inside it, as for RBAC
     */
    static void authorize(ClusterState cluster, KubernetesUser user, Verb verb, ResourceType<?> type, String namespace,
                          String name) {
        AccessEntryState entry = cluster.accessEntries.get(user.principalArn());
        if (entry != null && (entry.kubernetesGroups.contains("system:masters")
                || entry.policies.values().stream().anyMatch(p -> grants(p, verb, namespace)))) {
            return;
        }
        String username = entry == null ? user.sessionArn() : user.username(entry.username);
        throw StatusErrors.forbidden(type, name, verb, namespace, username);
    }

    private static boolean grants(AssociatedPolicy policy, Verb verb, String namespace) {
        String policyName = policy.policyArn().startsWith(POLICY_PREFIX)
                ? policy.policyArn().substring(POLICY_PREFIX.length()) : policy.policyArn();
        boolean verbAllowed = READ_WRITE.contains(policyName) || (READ_ONLY.contains(policyName) && !verb.writes());
        return verbAllowed && inScope(policy, namespace);
    }

    private static boolean inScope(AssociatedPolicy policy, String namespace) {
        if (!"namespace".equals(policy.scopeType())) {
            return true;
        }
        // EKS lets a scope name namespaces by prefix with a trailing '*'.
        return namespace != null && policy.namespaces().stream().anyMatch(n -> n.endsWith("*")
                ? namespace.startsWith(n.substring(0, n.length() - 1)) : n.equals(namespace));
    }
}
