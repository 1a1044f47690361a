package dev.pim.migration.discovery;

import dev.pim.migration.InvalidRoleArnException;
import dev.pim.migration.RoleArn;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.port.EksPort;
import dev.pim.migration.port.IamPort;
import dev.pim.migration.port.KubernetesPort;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads everything about one cluster that classification needs, with read calls only: the cluster, its
 * service accounts, workloads, pods and nodes, Fargate profiles, add-ons, associations, and every role that
 * trusts the cluster's OIDC provider (one paged ListRoles scan) or that an annotation or add-on names.
 */
public final class Discovery {
    private final EksPort eks;
    private final IamPort iam;
    private final Function<ClusterInfo, KubernetesPort> kubernetes;

    public Discovery(EksPort eks, IamPort iam, Function<ClusterInfo, KubernetesPort> kubernetes) {
        this.eks = eks;
        this.iam = iam;
        this.kubernetes = kubernetes;
    }

    public ClusterInventory discover() {
        ClusterInfo cluster = eks.describeCluster();
        return discover(cluster, kubernetes.apply(cluster));
    }

    public ClusterInventory discover(ClusterInfo cluster, KubernetesPort k8s) {
        String account = cluster.ref().accountId();
        String providerArn = cluster.oidcProviderArn(account);
        Optional<List<String>> clientIds = providerArn == null ? Optional.empty() : iam.oidcProviderClientIds(providerArn);
        List<ServiceAccountInfo> serviceAccounts = k8s.serviceAccounts();
        List<AddonInfo> addons = eks.addons();

        Set<String> wanted = new TreeSet<>();
        if (cluster.oidcProviderUrl() != null) {
            for (RoleInfo role : iam.listRoles()) {
                if (role.trustPolicy() != null && role.trustPolicy().contains(cluster.oidcProviderUrl())) {
                    wanted.add(role.arn());
                }
            }
        }
        Set<String> referenced = new LinkedHashSet<>();
        serviceAccounts.forEach(sa -> referenced.add(sa.roleArnAnnotation()));
        addons.forEach(a -> referenced.add(a.serviceAccountRoleArn()));
        for (String arn : referenced) {
            sameAccountRole(arn, account).ifPresent(wanted::add);
        }
        Map<String, RoleInfo> roles = new LinkedHashMap<>();
        Set<String> missing = new TreeSet<>();
        for (String arn : wanted) {
            // GetRole, not the ListRoles copy: only GetRole returns tags (CloudFormation ownership).
            iam.role(RoleArn.parse(arn).name())
                    .filter(r -> r.arn().equals(arn))
                    .ifPresentOrElse(r -> roles.put(arn, r), () -> missing.add(arn));
        }
        return new ClusterInventory(cluster, serviceAccounts, k8s.workloads(), k8s.pods(), k8s.nodes(),
                eks.fargateSelectors(), addons, eks.associations(), roles, missing, iam.trustPolicyQuota(),
                clientIds.isPresent(), Set.copyOf(clientIds.orElse(List.of())));
    }

    private static java.util.Optional<String> sameAccountRole(String arn, String account) {
        if (arn == null) {
            return java.util.Optional.empty();
        }
        try {
            RoleArn role = RoleArn.parse(arn);
            return role.accountId().equals(account) ? java.util.Optional.of(role.toString()) : java.util.Optional.empty();
        } catch (InvalidRoleArnException e) {
            return java.util.Optional.empty();
        }
    }
}
