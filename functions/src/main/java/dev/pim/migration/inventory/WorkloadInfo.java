package dev.pim.migration.inventory;

import dev.pim.migration.WorkloadRef;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workload and what decides where its pods go and what the IRSA webhook gives them.
 *
 * @param serviceAccount the pod template's service account ({@code default} when unset)
 * @param nodeSelector   the pod template's node selector
 * @param restartedAt    the pod template's {@code kubectl.kubernetes.io/restartedAt} annotation, or null
 * @param podAnnotations the pod template's annotations (the webhook reads {@code eks.amazonaws.com/skip-containers}
 *                       and {@code eks.amazonaws.com/token-expiration} there)
 * @param containers     the pod template's containers, in order, with the variables each sets itself
 */
public record WorkloadInfo(WorkloadRef ref, String serviceAccount, int replicas, Map<String, String> nodeSelector,
                           Map<String, String> podLabels, String restartedAt, Map<String, String> podAnnotations,
                           List<TemplateContainer> containers) {

    public WorkloadInfo {
        podAnnotations = podAnnotations == null ? Map.of() : Map.copyOf(podAnnotations);
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /** A workload whose template's annotations and containers were not read. */
    public WorkloadInfo(WorkloadRef ref, String serviceAccount, int replicas, Map<String, String> nodeSelector,
                        Map<String, String> podLabels, String restartedAt) {
        this(ref, serviceAccount, replicas, nodeSelector, podLabels, restartedAt, Map.of(), List.of());
    }

    /**
     * A container of a pod template.
     *
     * @param envNames the environment variables its spec sets (not those the webhook injects at admission)
     */
    public record TemplateContainer(String name, Set<String> envNames) {
        public TemplateContainer {
            envNames = envNames == null ? Set.of() : Set.copyOf(envNames);
        }
    }
}
