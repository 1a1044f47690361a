package dev.pim.integration;

import dev.pim.local.LocalCloud;
import dev.pim.local.state.AccountState;
import dev.pim.local.state.AddonState;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.RoleState;
import dev.pim.migration.trust.TrustPolicy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parts of the local cloud's state a migration changes, without ids, timestamps or pod names, so two
 * runs can be compared: trust policies (canonical), associations, add-ons, annotations, pods' credentials.
 */
public record CloudSnapshot(Map<String, String> trustPolicies, Map<String, String> associations, Map<String, String> addons,
                     Map<String, String> annotations, Map<String, Set<String>> podCredentials) {

    public static CloudSnapshot of(LocalCloud cloud, String account, String region, String clusterName) {
        return cloud.read(state -> {
            AccountState acct = state.accounts.get(account);
            ClusterState cluster = state.cluster(account, region, clusterName).orElseThrow();
            Map<String, String> trust = new TreeMap<>();
            for (RoleState role : acct.rolesInListingOrder()) {
                trust.put(role.arn(), TrustPolicy.parse(role.arn(), role.trustPolicy).render());
            }
            Map<String, String> associations = new TreeMap<>();
            for (AssociationState a : cluster.associations.values()) {
                associations.put(a.namespace + "/" + a.serviceAccount, a.roleArn
                        + (a.targetRoleArn == null ? "" : " -> " + a.targetRoleArn) + (a.ownerArn == null ? "" : " (add-on)"));
            }
            Map<String, String> addons = new TreeMap<>();
            for (AddonState addon : cluster.addons.values()) {
                addon.settle(state.now());
                addons.put(addon.name, addon.version + " " + addon.status + " " + addon.associationIds.size() + " association(s)");
            }
            Map<String, String> annotations = new TreeMap<>();
            for (ServiceAccount sa : cluster.kubernetes.serviceAccounts.values()) {
                Map<String, String> a = sa.getMetadata().getAnnotations();
                if (a != null && !a.isEmpty()) {
                    annotations.put(sa.getMetadata().getNamespace() + "/" + sa.getMetadata().getName(), new TreeMap<>(a).toString());
                }
            }
            Map<String, Set<String>> pods = new TreeMap<>();
            for (Pod pod : cluster.kubernetes.pods.values()) {
                pods.computeIfAbsent(owner(pod), k -> new TreeSet<>()).add(credentials(pod));
            }
            return new CloudSnapshot(trust, associations, addons, annotations, pods);
        });
    }

    static String credentials(Pod pod) {
        Set<String> names = new TreeSet<>();
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getEnv() != null) {
                c.getEnv().stream().map(EnvVar::getName).filter(n -> n.equals("AWS_ROLE_ARN")
                        || n.equals("AWS_CONTAINER_CREDENTIALS_FULL_URI")).forEach(names::add);
            }
        }
        return names.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI") && names.contains("AWS_ROLE_ARN") ? "both"
                : names.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI") ? "pod-identity"
                : names.contains("AWS_ROLE_ARN") ? "irsa" : "none";
    }

    private static String owner(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        for (OwnerReference ref : pod.getMetadata().getOwnerReferences()) {
            String name = ref.getKind().equals("ReplicaSet")
                    ? ref.getName().substring(0, ref.getName().lastIndexOf('-')) : ref.getName();
            return ns + "/" + name;
        }
        return ns + "/" + pod.getMetadata().getName();
    }
}
