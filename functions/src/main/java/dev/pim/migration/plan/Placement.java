package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.FargateSelector;
import dev.pim.migration.inventory.NodeInfo;
import dev.pim.migration.inventory.PodInfo;
import dev.pim.migration.inventory.WorkloadInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a service account's pods run, and whether Pod Identity works there: only on Linux EC2 nodes, not on
 * Fargate (a profile selects the pods) nor on Windows nodes (node selector or observed placement).
 */
final class Placement {
    private final ClusterInventory inventory;
    private final Map<String, NodeInfo> nodes;

    Placement(ClusterInventory inventory) {
        this.inventory = inventory;
        this.nodes = inventory.nodes().stream().collect(Collectors.toMap(NodeInfo::name, Function.identity(), (a, b) -> a));
    }

    List<WorkloadRef> workloadsOf(ServiceAccountRef sa) {
        return inventory.workloads().stream()
                .filter(w -> w.ref().namespace().equals(sa.namespace()) && w.serviceAccount().equals(sa.name()))
                .map(WorkloadInfo::ref)
                .sorted()
                .toList();
    }

    /** Why some of the service account's pods cannot use Pod Identity; empty when all can. */
    Optional<String> unsupportedReason(ServiceAccountRef sa) {
        List<String> reasons = new ArrayList<>();
        for (WorkloadInfo w : inventory.workloads()) {
            if (w.ref().namespace().equals(sa.namespace()) && w.serviceAccount().equals(sa.name())) {
                fargateProfile(sa.namespace(), w.podLabels())
                        .ifPresent(p -> reasons.add(w.ref() + " runs on Fargate (profile " + p + ")"));
                if ("windows".equals(w.nodeSelector().get("kubernetes.io/os"))) {
                    reasons.add(w.ref() + " runs on Windows nodes");
                }
            }
        }
        for (PodInfo pod : inventory.pods()) {
            if (pod.namespace().equals(sa.namespace()) && pod.serviceAccount().equals(sa.name()) && pod.owner() == null) {
                NodeInfo node = pod.nodeName() == null ? null : nodes.get(pod.nodeName());
                if (node != null && !node.supportsPodIdentity()) {
                    reasons.add("pod " + pod.name() + " runs on " + (node.fargate() ? "Fargate" : node.os() + " node " + node.name()));
                }
            }
        }
        return reasons.isEmpty() ? Optional.empty()
                : Optional.of("Pod Identity does not work there: " + String.join("; ", reasons));
    }

    private Optional<String> fargateProfile(String namespace, Map<String, String> podLabels) {
        return inventory.fargateSelectors().stream()
                .filter(s -> s.selects(namespace, podLabels))
                .map(FargateSelector::profile)
                .findFirst();
    }
}
