package dev.pim.local.kubernetes;

import dev.pim.local.state.ClusterState;
import dev.pim.local.state.Ids;
import dev.pim.local.state.KubernetesState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of the Kubernetes control plane the migration depends on: the Deployment, StatefulSet and
 * DaemonSet controllers (a changed pod template, e.g. by {@code kubectl rollout restart}, replaces the
 * workload's pods), scheduling ({@link PodScheduler}: Fargate profiles, node selectors, Windows nodes) and
 * admission through {@link PodIdentityWebhook}, so a new pod's environment reflects the associations at its
 * creation.
 */
public final class WorkloadController {
    /** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
    private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";

    private WorkloadController() {
    }

    /** Brings one workload's pods in line with its spec. Call while holding the state lock. */
    public static void reconcile(ClusterState cluster, HasMetadata workload, Instant now) {
        Workload w = Workload.of(workload);
        String revision = templateHash(w.template());
        KubernetesState k8s = cluster.kubernetes;
        List<Pod> current = podsOf(cluster, workload);
        for (Pod pod : current) {
            if (!revision.equals(revisionOf(pod))) {
                k8s.pods.remove(KubernetesState.key(pod));
            }
        }
        List<Pod> kept = new ArrayList<>(current.stream().filter(p -> revision.equals(revisionOf(p))).toList());
        if (w.kind().equals("DaemonSet")) {
            reconcileDaemonSet(cluster, w, revision, kept, now);
            return;
        }
        int replicas = w.replicas();
        kept.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        while (kept.size() > replicas) {
            Pod extra = kept.remove(kept.size() - 1);
            k8s.pods.remove(KubernetesState.key(extra));
        }
        for (int ordinal = 0; kept.size() < replicas; ordinal++) {
            String name = switch (w.kind()) {
                case "StatefulSet" -> w.name() + "-" + ordinal;
                default -> w.name() + "-" + revision + "-" + suffix();
            };
            if (k8s.pods.containsKey(KubernetesState.key(w.namespace(), name))) {
                continue;
            }
            kept.add(createPod(cluster, w, revision, name, null, now));
        }
        updateStatus(cluster, workload, kept.size());
    }

    private static void reconcileDaemonSet(ClusterState cluster, Workload w, String revision, List<Pod> kept, Instant now) {
        Map<String, String> selector = w.template().getSpec().getNodeSelector();
        for (Node node : cluster.kubernetes.nodes.values()) {
            if (!PodScheduler.runsDaemonSetPods(node, selector)) {
                continue;
            }
            String nodeName = node.getMetadata().getName();
            boolean present = kept.stream().anyMatch(p -> nodeName.equals(p.getSpec().getNodeName()));
            if (!present) {
                kept.add(createPod(cluster, w, revision, w.name() + "-" + suffix(), nodeName, now));
            }
        }
        updateStatus(cluster, (HasMetadata) w.object(), kept.size());
    }

    /** The workload's pods, found through their owner references as the controllers do. */
    public static List<Pod> podsOf(ClusterState cluster, HasMetadata workload) {
        Workload w = Workload.of(workload);
        return cluster.kubernetes.pods.values().stream()
                .filter(p -> w.namespace().equals(p.getMetadata().getNamespace()))
                .filter(p -> ownedBy(p, w))
                .toList();
    }

    private static boolean ownedBy(Pod pod, Workload w) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return false;
        }
        for (OwnerReference ref : pod.getMetadata().getOwnerReferences()) {
            if (w.kind().equals("Deployment") && ref.getKind().equals("ReplicaSet")
                    && ref.getName().startsWith(w.name() + "-")
                    && ref.getName().substring(w.name().length() + 1).matches("[" + SAFE + "]{10}")) {
                return true;
            }
            if (ref.getKind().equals(w.kind()) && ref.getName().equals(w.name())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pod the workload's controller would start now (after a restart, say), admitted by the webhook as it
     * would be, without starting it; empty when it could not be scheduled.
     */
    public static Optional<Pod> preview(ClusterState cluster, HasMetadata workload) {
        Workload w = Workload.of(workload);
        Pod pod = newPod(w, templateHash(w.template()), w.name() + "-preview", Instant.EPOCH);
        return PodScheduler.podIdentityCapable(cluster, pod).map(capable -> {
            PodIdentityWebhook.admit(cluster, pod, capable);
            return pod;
        });
    }

    private static Pod createPod(ClusterState cluster, Workload w, String revision, String name, String fixedNode,
                                 Instant now) {
        Pod pod = newPod(w, revision, name, now);
        String nodeName = fixedNode != null ? fixedNode : PodScheduler.schedule(cluster, pod);
        pod.getSpec().setNodeName(nodeName);
        Node node = nodeName == null ? null : cluster.kubernetes.nodes.get(nodeName);
        PodIdentityWebhook.admit(cluster, pod, node != null && PodScheduler.runsPodIdentityAgent(node));
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                .withPhase(nodeName == null ? "Pending" : "Running")
                .withHostIP(nodeName == null ? null : "10.0.0." + (Math.abs(nodeName.hashCode()) % 250 + 1))
                .withPodIP(nodeName == null ? null : "10.0.1." + (Math.abs(name.hashCode()) % 250 + 1))
                .withStartTime(nodeName == null ? null : now.toString())
                .build());
        cluster.kubernetes.bump(pod);
        cluster.kubernetes.pods.put(KubernetesState.key(pod), pod);
        return pod;
    }

    /** A pod of the workload's template, with its labels and owner, not yet scheduled nor admitted. */
    private static Pod newPod(Workload w, String revision, String name, Instant now) {
        PodTemplateSpec template = Serialization.clone(w.template());
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.put(w.kind().equals("Deployment") ? "pod-template-hash" : "controller-revision-hash",
                w.kind().equals("Deployment") ? revision : w.name() + "-" + revision);
        if (w.kind().equals("StatefulSet")) {
            labels.put("statefulset.kubernetes.io/pod-name", name);
        }
        OwnerReference owner = new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind(w.kind().equals("Deployment") ? "ReplicaSet" : w.kind())
                .withName(w.kind().equals("Deployment") ? w.name() + "-" + revision : w.name())
                .withUid(Ids.uuid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(w.namespace())
                .withUid(Ids.uuid())
                .withCreationTimestamp(now.toString())
                .withLabels(labels)
                .withAnnotations(template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                        ? new HashMap<>() : new HashMap<>(template.getMetadata().getAnnotations()))
                .withOwnerReferences(owner)
                .endMetadata()
                .withSpec(template.getSpec())
                .build();
        if (pod.getSpec().getServiceAccountName() == null) {
            pod.getSpec().setServiceAccountName("default");
        }
        return pod;
    }

    private static String revisionOf(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) {
            return null;
        }
        String hash = labels.get("pod-template-hash");
        if (hash != null) {
            return hash;
        }
        String controllerRevision = labels.get("controller-revision-hash");
        return controllerRevision == null ? null : controllerRevision.substring(controllerRevision.lastIndexOf('-') + 1);
    }

    /** A stable hash of the pod template, in the alphabet and length Kubernetes uses for pod-template-hash. */
    static String templateHash(PodTemplateSpec template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Serialization.asJson(template).getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                out.append(SAFE.charAt((digest[i] & 0xff) % SAFE.length()));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String suffix() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            out.append(SAFE.charAt((int) (Math.random() * SAFE.length())));
        }
        return out.toString();
    }

    private static void updateStatus(ClusterState cluster, HasMetadata workload, int ready) {
        if (workload instanceof Deployment d) {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withReplicas(ready).withReadyReplicas(ready).withUpdatedReplicas(ready).withAvailableReplicas(ready)
                    .withObservedGeneration(d.getMetadata().getGeneration()).build());
        } else if (workload instanceof StatefulSet s) {
            s.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
                    .withReplicas(ready).withReadyReplicas(ready).withUpdatedReplicas(ready).withCurrentReplicas(ready)
                    .withObservedGeneration(s.getMetadata().getGeneration()).build());
        } else if (workload instanceof DaemonSet ds) {
            ds.setStatus(new io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder()
                    .withDesiredNumberScheduled(ready).withCurrentNumberScheduled(ready).withNumberReady(ready)
                    .withUpdatedNumberScheduled(ready).withNumberAvailable(ready)
                    .withObservedGeneration(ds.getMetadata().getGeneration()).build());
        }
    }

    /** The parts of the three workload kinds the controllers need, read uniformly. */
    record Workload(String kind, String namespace, String name, int replicas, PodTemplateSpec template, Object object) {
        static Workload of(HasMetadata o) {
            String ns = o.getMetadata().getNamespace();
            String name = o.getMetadata().getName();
            if (o instanceof Deployment d) {
                return new Workload("Deployment", ns, name, replicas(d.getSpec().getReplicas()), d.getSpec().getTemplate(), o);
            }
            if (o instanceof StatefulSet s) {
                return new Workload("StatefulSet", ns, name, replicas(s.getSpec().getReplicas()), s.getSpec().getTemplate(), o);
            }
            if (o instanceof DaemonSet ds) {
                return new Workload("DaemonSet", ns, name, 0, ds.getSpec().getTemplate(), o);
            }
            throw new IllegalArgumentException("not a workload: " + o.getKind());
        }

        private static int replicas(Integer r) {
            return r == null ? 1 : r;
        }
    }
}
