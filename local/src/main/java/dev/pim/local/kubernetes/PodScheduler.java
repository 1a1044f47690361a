package dev.pim.local.kubernetes;

import dev.pim.local.state.ClusterState;
import dev.pim.local.state.FargateProfileState;
import dev.pim.local.state.Ids;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where EKS runs a pod, as far as Pod Identity cares: on Fargate when a Fargate profile selects it, otherwise
 * on a node matching its node selector, Linux unless it asks for Windows (Windows nodes carry the
 * {@code os=windows:NoSchedule} taint on EKS). The Pod Identity agent runs only on Linux EC2 nodes.
 */
final class PodScheduler {
    private static final String OS = "kubernetes.io/os";
    private static final String COMPUTE_TYPE = "eks.amazonaws.com/compute-type";

    private PodScheduler() {
    }

    /** The node a new pod runs on, least busy first; null when none fits (the pod stays Pending). */
    static String schedule(ClusterState cluster, Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> labels = pod.getMetadata().getLabels();
        for (FargateProfileState profile : cluster.fargateProfiles.values()) {
            if (profile.selects(namespace, labels)) {
                pod.getSpec().setSchedulerName("fargate-scheduler");
                return fargateNode(cluster);
            }
        }
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        Map<String, Long> load = new HashMap<>();
        cluster.kubernetes.pods.values().forEach(p -> {
            if (p.getSpec().getNodeName() != null) {
                load.merge(p.getSpec().getNodeName(), 1L, Long::sum);
            }
        });
        return cluster.kubernetes.nodes.values().stream()
                .filter(n -> !fargate(n))
                .filter(n -> matches(n, selector))
                .min(Comparator.comparingLong((Node n) -> load.getOrDefault(n.getMetadata().getName(), 0L))
                        .thenComparing(n -> n.getMetadata().getName()))
                .map(n -> n.getMetadata().getName())
                .orElse(null);
    }

    /**
     * Where a new pod would run, without placing it: on a node that runs the Pod Identity agent (true), on
     * Fargate or another node without it (false), or nowhere (empty: it would stay Pending).
     */
    static Optional<Boolean> podIdentityCapable(ClusterState cluster, Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (cluster.fargateProfiles.values().stream().anyMatch(profile -> profile.selects(namespace, labels))) {
            return Optional.of(false);
        }
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        List<Node> fits = cluster.kubernetes.nodes.values().stream()
                .filter(n -> !fargate(n)).filter(n -> matches(n, selector)).toList();
        return fits.isEmpty() ? Optional.empty() : Optional.of(fits.stream().anyMatch(PodScheduler::runsPodIdentityAgent));
    }

    /** Whether a DaemonSet with this node selector runs a pod on the node (never on Fargate). */
    static boolean runsDaemonSetPods(Node node, Map<String, String> selector) {
        return !fargate(node) && matches(node, selector);
    }

    /** Whether pods on the node can reach the Pod Identity agent: Linux EC2 nodes only. */
    static boolean runsPodIdentityAgent(Node node) {
        return "linux".equals(label(node, OS)) && !fargate(node);
    }

    /** Each Fargate pod gets a node of its own. */
    private static String fargateNode(ClusterState cluster) {
        long existing = cluster.kubernetes.nodes.values().stream().filter(PodScheduler::fargate).count();
        String name = "fargate-ip-192-168-" + (existing / 250) + "-" + (existing % 250 + 1) + "." + cluster.region
                + ".compute.internal";
        Node node = new NodeBuilder().withNewMetadata().withName(name).withUid(Ids.uuid())
                .addToLabels(OS, "linux")
                .addToLabels("kubernetes.io/arch", "amd64")
                .addToLabels(COMPUTE_TYPE, "fargate")
                .addToLabels("kubernetes.io/hostname", name)
                .endMetadata().build();
        cluster.kubernetes.bump(node);
        cluster.kubernetes.nodes.put(name, node);
        return name;
    }

    private static boolean matches(Node node, Map<String, String> selector) {
        boolean namesOs = selector != null && selector.containsKey(OS);
        if (!namesOs && !"linux".equals(label(node, OS))) {
            return false;
        }
        return selector == null || selector.entrySet().stream()
                .allMatch(e -> Objects.equals(e.getValue(), label(node, e.getKey())));
    }

    private static boolean fargate(Node node) {
        return "fargate".equals(label(node, COMPUTE_TYPE));
    }

    private static String label(HasMetadata object, String key) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
