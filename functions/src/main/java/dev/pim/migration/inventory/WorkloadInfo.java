package dev.pim.migration.inventory;

import dev.pim.migration.WorkloadRef;

import java.util.Map;

/**
 * A workload and what decides where its pods go.
 *
 * @param serviceAccount the pod template's service account ({@code default} when unset)
 * @param nodeSelector   the pod template's node selector
 * @param restartedAt    the pod template's {@code kubectl.kubernetes.io/restartedAt} annotation, or null
 */
public record WorkloadInfo(WorkloadRef ref, String serviceAccount, int replicas, Map<String, String> nodeSelector,
                           Map<String, String> podLabels, String restartedAt) {
}
