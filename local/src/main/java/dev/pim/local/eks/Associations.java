package dev.pim.local.eks;

import dev.pim.local.server.ApiError;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.CloudState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.Ids;

import java.time.Instant;
import java.util.Optional;

/** Pod Identity associations of a cluster, whether made directly or through an add-on. */
final class Associations {
    /** EKS quota "Pod Identity associations per cluster", not adjustable: the default of the emulator's knob. */
    static final int LIMIT_PER_CLUSTER = CloudState.Behaviour.EKS_ASSOCIATIONS_PER_CLUSTER;

    private Associations() {
    }

    /** The association of a service account: EKS allows at most one per (namespace, service account). */
    static Optional<AssociationState> find(ClusterState cluster, String namespace, String serviceAccount) {
        return cluster.associations.values().stream()
                .filter(a -> a.namespace.equals(namespace) && a.serviceAccount.equals(serviceAccount))
                .findFirst();
    }

    static AssociationState get(ClusterState cluster, String id) {
        if (id.length() != 19) {
            throw EksErrors.invalidParameter("The parameter associationId should be 19 characters long.")
                    .with("clusterName", cluster.name);
        }
        AssociationState association = cluster.associations.get(id);
        if (association == null) {
            throw EksErrors.notFound("No Pod Identity association found for id: " + id + ".")
                    .with("clusterName", cluster.name);
        }
        return association;
    }

    /** Refuses a new association for a service account that has one, naming the existing id as EKS does. */
    static void requireNone(ClusterState cluster, String namespace, String serviceAccount) {
        find(cluster, namespace, serviceAccount).ifPresent(existing -> {
            throw EksErrors.inUse("Association already exists: " + existing.id).with("clusterName", cluster.name);
        });
    }

    /** Refuses {@code more} associations a cluster has no room for under {@code behaviour.associationsPerCluster}. */
    static void requireRoom(EksCall call, ClusterState cluster, int more) {
        int limit = call.state.behaviour.associationsPerCluster;
        if (cluster.associations.size() + more > limit) {
            throw ApiError.of(EksErrors.LIMIT_EXCEEDED, 400, "Cluster " + cluster.name + " has reached the limit of "
                    + limit + " Pod Identity associations").with("clusterName", cluster.name);
        }
    }

    /** A new association; the call that asks for it checked there is room ({@link #requireRoom}). */
    static AssociationState create(ClusterState cluster, String namespace, String serviceAccount, String roleArn,
                                   Instant now) {
        String id = Ids.associationId();
        String arn = "arn:aws:eks:" + cluster.region + ":" + cluster.accountId + ":podidentityassociation/"
                + cluster.name + "/" + id;
        AssociationState association = new AssociationState(id, arn, cluster.name, namespace, serviceAccount, now);
        association.roleArn = roleArn;
        cluster.associations.put(id, association);
        return association;
    }

    /**
     * The {@code sts:ExternalId} EKS passes when it chains into a target role:
     * {@code region/account/cluster/namespace/service-account}.
     */
    static String externalId(ClusterState cluster, AssociationState association) {
        return cluster.region + "/" + cluster.accountId + "/" + cluster.name + "/" + association.namespace + "/"
                + association.serviceAccount;
    }
}
