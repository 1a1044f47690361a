package dev.pim.migration.port;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.inventory.NodeInfo;
import dev.pim.migration.inventory.PodInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.inventory.WorkloadInfo;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What the migration needs from a cluster's Kubernetes API. Implemented with fabric8 in {@code dev.pim.kubernetes}. */
public interface KubernetesPort {

    List<ServiceAccountInfo> serviceAccounts();

    Optional<ServiceAccountInfo> serviceAccount(ServiceAccountRef ref);

    /** Deployments, StatefulSets and DaemonSets. */
    List<WorkloadInfo> workloads();

    List<PodInfo> pods();

    List<NodeInfo> nodes();

    /**
     * Removes one annotation with a merge patch (nothing else of the service account is sent, so fields
     * such as imagePullSecrets and automountServiceAccountToken stay as they are).
     */
    void removeAnnotation(ServiceAccountRef ref, String key);

    /** Removes several annotations with one merge patch: the service account never carries only some of them. */
    void removeAnnotations(ServiceAccountRef ref, Collection<String> keys);

    /** Sets one annotation with a merge patch. */
    void setAnnotation(ServiceAccountRef ref, String key, String value);

    /** A rollout restart: stamps the pod template's restartedAt annotation, as {@code kubectl rollout restart} does. */
    void restart(WorkloadRef workload, Instant at);
}
