package dev.pim.integration;

import dev.pim.local.LocalCloud;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.RoleState;
import dev.pim.migration.trust.TrustPolicy;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether every pod of a cluster can still get AWS credentials: a pod started with the IRSA environment needs
 * its role to trust this cluster's OIDC provider for its service account; a pod started with the Pod Identity
 * environment needs an association for its service account whose role trusts Pod Identity. A pod the
 * workload would start now is checked the same way (association first, as the webhook decides).
 */
final class CredentialPaths {

    private CredentialPaths() {
    }

    /** Every pod (running or about to be started) without a working credential path, with the reason. */
    static List<String> broken(LocalCloud cloud, String account, String region, String clusterName) {
        return cloud.read(state -> {
            ClusterState cluster = state.cluster(account, region, clusterName).orElseThrow();
            String provider = "arn:aws:iam::" + account + ":oidc-provider/" + cluster.oidcProviderUrl();
            List<String> out = new ArrayList<>();
            for (Pod pod : cluster.kubernetes.pods.values()) {
                String ns = pod.getMetadata().getNamespace();
                String sa = pod.getSpec().getServiceAccountName();
                String env = CloudSnapshot.credentials(pod);
                String where = ns + "/" + pod.getMetadata().getName() + " (" + sa + ")";
                if (env.equals("irsa")) {
                    String roleArn = envValue(pod, "AWS_ROLE_ARN");
                    if (!irsaWorks(state.roleByArn(roleArn), provider, ns, sa)) {
                        out.add(where + ": running with IRSA but " + roleArn + " no longer trusts it");
                    }
                } else if (env.equals("pod-identity") && !podIdentityWorks(state, cluster, ns, sa)) {
                    out.add(where + ": running with Pod Identity but has no working association");
                }
                if (!env.equals("none") && !newPodWorks(state, cluster, provider, ns, sa)) {
                    out.add(where + ": a restarted pod would get no working credentials");
                }
            }
            return out;
        });
    }

    private static boolean newPodWorks(dev.pim.local.state.CloudState state, ClusterState cluster, String provider,
                                       String ns, String sa) {
        if (association(cluster, ns, sa).isPresent()) {
            return podIdentityWorks(state, cluster, ns, sa);
        }
        ServiceAccount account = cluster.kubernetes.serviceAccounts.get(ns + "/" + sa);
        Map<String, String> annotations = account == null ? null : account.getMetadata().getAnnotations();
        String roleArn = annotations == null ? null : annotations.get("eks.amazonaws.com/role-arn");
        return roleArn != null && irsaWorks(state.roleByArn(roleArn), provider, ns, sa);
    }

    private static boolean podIdentityWorks(dev.pim.local.state.CloudState state, ClusterState cluster, String ns, String sa) {
        return association(cluster, ns, sa)
                .flatMap(a -> state.roleByArn(a.roleArn))
                .map(role -> !TrustPolicy.parse(role.arn(), role.trustPolicy).ensurePodIdentity().changed())
                .orElse(false);
    }

    private static boolean irsaWorks(Optional<RoleState> role, String provider, String ns, String sa) {
        return role.map(r -> TrustPolicy.parse(r.arn(), r.trustPolicy).subjectsGrantedTo(provider).stream()
                .anyMatch(g -> g.matches(ns, sa))).orElse(false);
    }

    private static Optional<AssociationState> association(ClusterState cluster, String ns, String sa) {
        return cluster.associations.values().stream().filter(a -> a.namespace.equals(ns) && a.serviceAccount.equals(sa)).findFirst();
    }

    private static String envValue(Pod pod, String name) {
        return pod.getSpec().getContainers().stream().flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty()
                : c.getEnv().stream()).filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }
}
