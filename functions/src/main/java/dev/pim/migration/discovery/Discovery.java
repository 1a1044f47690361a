package dev.pim.migration.discovery;

import dev.pim.migration.BoundedParallel;
import dev.pim.migration.InvalidRoleArnException;
import dev.pim.migration.RoleArn;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private final int parallelism;
    private final Map<String, AssociationInfo> knownAssociations;

    public Discovery(EksPort eks, IamPort iam, Function<ClusterInfo, KubernetesPort> kubernetes) {
        this(eks, iam, kubernetes, 1, new ConcurrentHashMap<>());
    }

    /**
     * @param parallelism       how many reads may be in flight at once
     * @param knownAssociations filled with every association described (a run's later reads need not describe them again)
     */
    public Discovery(EksPort eks, IamPort iam, Function<ClusterInfo, KubernetesPort> kubernetes, int parallelism,
                     Map<String, AssociationInfo> knownAssociations) {
        this.eks = eks;
        this.iam = iam;
        this.kubernetes = kubernetes;
        this.parallelism = Math.max(1, parallelism);
        this.knownAssociations = knownAssociations;
    }

    public ClusterInventory discover() {
        ClusterInfo cluster = eks.describeCluster();
        return discover(cluster, kubernetes.apply(cluster));
    }

    public ClusterInventory discover(ClusterInfo cluster, KubernetesPort k8s) {
        String account = cluster.ref().accountId();
        String providerArn = cluster.oidcProviderArn(account);
        // The reads below do not depend on one another: in flight together, they cost one round trip, not ten.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, 10));
        try {
            var clientIds = pool.submit(() -> providerArn == null ? Optional.<List<String>>empty()
                    : iam.oidcProviderClientIds(providerArn));
            var serviceAccountsRead = pool.submit(k8s::serviceAccounts);
            var addonsRead = pool.submit(eks::addons);
            var allRoles = pool.submit(() -> cluster.oidcProviderUrl() == null ? List.<RoleInfo>of() : iam.listRoles());
            var workloads = pool.submit(k8s::workloads);
            var pods = pool.submit(k8s::pods);
            var nodes = pool.submit(k8s::nodes);
            var fargate = pool.submit(eks::fargateSelectors);
            var associations = pool.submit(() -> new AssociationReader(eks, parallelism).read(knownAssociations));
            var quota = pool.submit(iam::trustPolicyQuota);

            Optional<List<String>> ids = get(clientIds);
            List<ServiceAccountInfo> serviceAccounts = get(serviceAccountsRead);
            List<AddonInfo> addons = get(addonsRead);
            Set<String> wanted = new TreeSet<>();
            for (RoleInfo role : get(allRoles)) {
                if (role.trustPolicy() != null && role.trustPolicy().contains(cluster.oidcProviderUrl())) {
                    wanted.add(role.arn());
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
            // GetRole, not the ListRoles copy: only GetRole returns tags (CloudFormation ownership).
            List<Optional<RoleInfo>> read = BoundedParallel.map(List.copyOf(wanted), parallelism,
                    arn -> iam.role(RoleArn.parse(arn).name()).filter(r -> r.arn().equals(arn)));
            int i = 0;
            for (String arn : wanted) {
                Optional<RoleInfo> role = read.get(i++);
                role.ifPresentOrElse(r -> roles.put(arn, r), () -> missing.add(arn));
            }
            return new ClusterInventory(cluster, serviceAccounts, get(workloads), get(pods), get(nodes),
                    get(fargate), addons, get(associations), roles, missing, get(quota),
                    ids.isPresent(), Set.copyOf(ids.orElse(List.of())));
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T get(Future<T> read) {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during discovery", e);
        }
    }

    private static Optional<String> sameAccountRole(String arn, String account) {
        if (arn == null) {
            return Optional.empty();
        }
        try {
            RoleArn role = RoleArn.parse(arn);
            return role.accountId().equals(account) ? Optional.of(role.toString()) : Optional.empty();
        } catch (InvalidRoleArnException e) {
            return Optional.empty();
        }
    }
}
