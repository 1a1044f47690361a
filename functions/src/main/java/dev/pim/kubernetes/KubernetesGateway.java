package dev.pim.kubernetes;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.NodeInfo;
import dev.pim.migration.inventory.PodInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.inventory.WorkloadInfo;
import dev.pim.migration.port.KubernetesAccessException;
import dev.pim.migration.port.KubernetesPort;
import dev.pim.migration.port.ThrottledException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link KubernetesPort} over the fabric8 client, authenticated with EKS bearer tokens. Writes are merge
 * patches of exactly the fields that change, never a full PUT of a copy (eksctl's PUT of ObjectMeta only
 * wiped imagePullSecrets and automountServiceAccountToken).
 */
public final class KubernetesGateway implements KubernetesPort, AutoCloseable {
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final int PAGE = 500;
    private final KubernetesClient client;

    /** @param tokens a fresh EKS bearer token per call (the supplier caches) */
    public KubernetesGateway(ClusterInfo cluster, Supplier<String> tokens) {
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl(cluster.endpoint())
                .withOauthTokenProvider(tokens::get)
                .withRequestRetryBackoffLimit(2)
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000);
        if (cluster.endpoint().startsWith("https://") && cluster.certificateAuthority() != null) {
            config.withCaCertData(cluster.certificateAuthority());
        }
        this.client = new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    @Override
    public List<ServiceAccountInfo> serviceAccounts() {
        List<ServiceAccountInfo> out = new ArrayList<>();
        String next = null;
        do {
            var options = options(next);
            var page = call("list serviceaccounts", () -> client.serviceAccounts().inAnyNamespace().list(options));
            page.getItems().forEach(sa -> out.add(toInfo(sa)));
            next = page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return out;
    }

    private static io.fabric8.kubernetes.api.model.ListOptions options(String continueToken) {
        return new ListOptionsBuilder().withLimit((long) PAGE).withContinue(continueToken).build();
    }

    @Override
    public Optional<ServiceAccountInfo> serviceAccount(ServiceAccountRef ref) {
        ServiceAccount sa = call("get serviceaccount " + ref, () -> client.serviceAccounts()
                .inNamespace(ref.namespace()).withName(ref.name()).get());
        return Optional.ofNullable(sa).map(KubernetesGateway::toInfo);
    }

    @Override
    public List<WorkloadInfo> workloads() {
        List<WorkloadInfo> out = new ArrayList<>();
        call("list deployments", () -> client.apps().deployments().inAnyNamespace().list()).getItems()
                .forEach(d -> out.add(toInfo(new WorkloadRef("Deployment", d.getMetadata().getNamespace(),
                        d.getMetadata().getName()), replicas(d.getSpec().getReplicas()), d.getSpec().getTemplate())));
        call("list statefulsets", () -> client.apps().statefulSets().inAnyNamespace().list()).getItems()
                .forEach(s -> out.add(toInfo(new WorkloadRef("StatefulSet", s.getMetadata().getNamespace(),
                        s.getMetadata().getName()), replicas(s.getSpec().getReplicas()), s.getSpec().getTemplate())));
        call("list daemonsets", () -> client.apps().daemonSets().inAnyNamespace().list()).getItems()
                .forEach(ds -> out.add(toInfo(new WorkloadRef("DaemonSet", ds.getMetadata().getNamespace(),
                        ds.getMetadata().getName()), 0, ds.getSpec().getTemplate())));
        return out;
    }

    @Override
    public List<PodInfo> pods() {
        List<PodInfo> out = new ArrayList<>();
        String next = null;
        do {
            var options = options(next);
            var page = call("list pods", () -> client.pods().inAnyNamespace().list(options));
            page.getItems().forEach(p -> out.add(toInfo(p)));
            next = page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return out;
    }

    @Override
    public List<NodeInfo> nodes() {
        return call("list nodes", () -> client.nodes().list()).getItems().stream().map(KubernetesGateway::toInfo).toList();
    }

    @Override
    public void removeAnnotation(ServiceAccountRef ref, String key) {
        patchAnnotation(ref, key, null);
    }

    @Override
    public void removeAnnotations(ServiceAccountRef ref, java.util.Collection<String> keys) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        keys.forEach(key -> annotations.put(key, null));
        patchAnnotations(ref, annotations);
    }

    @Override
    public void setAnnotation(ServiceAccountRef ref, String key, String value) {
        patchAnnotation(ref, key, value);
    }

    private void patchAnnotation(ServiceAccountRef ref, String key, String value) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(key, value);
        patchAnnotations(ref, annotations);
    }

    /** A JSON merge patch of the annotations: a null value removes one. */
    private void patchAnnotations(ServiceAccountRef ref, Map<String, Object> annotations) {
        String patch = io.fabric8.kubernetes.client.utils.Serialization.asJson(
                Map.of("metadata", Map.of("annotations", annotations)));
        call("patch serviceaccount " + ref, () -> client.serviceAccounts().inNamespace(ref.namespace())
                .withName(ref.name()).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    }

    @Override
    public void restart(WorkloadRef workload, Instant at) {
        String patch = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RESTARTED_AT + "\":\"" + at + "\"}}}}}";
        PatchContext strategic = PatchContext.of(PatchType.STRATEGIC_MERGE);
        String what = "restart " + workload;
        switch (workload.kind()) {
            case "Deployment" -> call(what, () -> client.apps().deployments().inNamespace(workload.namespace())
                    .withName(workload.name()).patch(strategic, patch));
            case "StatefulSet" -> call(what, () -> client.apps().statefulSets().inNamespace(workload.namespace())
                    .withName(workload.name()).patch(strategic, patch));
            case "DaemonSet" -> call(what, () -> client.apps().daemonSets().inNamespace(workload.namespace())
                    .withName(workload.name()).patch(strategic, patch));
            default -> throw new IllegalArgumentException("cannot restart a " + workload.kind());
        }
    }

    /** Runs a call, turning the API server's refusals into the domain's exceptions. */
    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 429) {
                throw new ThrottledException("Kubernetes API throttled " + what, e);
            }
            if (e.getCode() == 401 || e.getCode() == 403) {
                throw new KubernetesAccessException("Kubernetes API refused to " + what + " (HTTP " + e.getCode() + "): "
                        + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()), e);
            }
            throw e;
        }
    }

    private static ServiceAccountInfo toInfo(ServiceAccount sa) {
        Map<String, String> annotations = sa.getMetadata().getAnnotations() == null ? Map.of()
                : Map.copyOf(sa.getMetadata().getAnnotations());
        return new ServiceAccountInfo(new ServiceAccountRef(sa.getMetadata().getNamespace(), sa.getMetadata().getName()),
                annotations, sa.getMetadata().getResourceVersion());
    }

    private static WorkloadInfo toInfo(WorkloadRef ref, int replicas, PodTemplateSpec template) {
        var spec = template.getSpec();
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : Map.copyOf(template.getMetadata().getLabels());
        Map<String, String> annotations = template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? Map.of() : template.getMetadata().getAnnotations();
        String sa = spec.getServiceAccountName() == null || spec.getServiceAccountName().isEmpty()
                ? "default" : spec.getServiceAccountName();
        List<WorkloadInfo.TemplateContainer> containers = new ArrayList<>();
        for (Container c : spec.getContainers()) {
            Set<String> env = new HashSet<>();
            if (c.getEnv() != null) {
                c.getEnv().stream().map(EnvVar::getName).forEach(env::add);
            }
            containers.add(new WorkloadInfo.TemplateContainer(c.getName(), env));
        }
        return new WorkloadInfo(ref, sa, replicas, spec.getNodeSelector() == null ? Map.of() : Map.copyOf(spec.getNodeSelector()),
                labels, annotations.get(RESTARTED_AT), annotations, containers);
    }

    private static PodInfo toInfo(Pod pod) {
        Set<String> env = new HashSet<>();
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getEnv() != null) {
                c.getEnv().stream().map(EnvVar::getName).forEach(env::add);
            }
        }
        String sa = pod.getSpec().getServiceAccountName() == null ? "default" : pod.getSpec().getServiceAccountName();
        return new PodInfo(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), sa, pod.getSpec().getNodeName(),
                pod.getStatus() == null ? null : pod.getStatus().getPhase(), owner(pod), Set.copyOf(env),
                pod.getMetadata().getCreationTimestamp());
    }

    /** The workload behind a pod; a Deployment's pods are owned by a ReplicaSet named {@code <deployment>-<hash>}. */
    private static WorkloadRef owner(Pod pod) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        if (refs == null) {
            return null;
        }
        String ns = pod.getMetadata().getNamespace();
        for (OwnerReference ref : refs) {
            switch (ref.getKind()) {
                case "ReplicaSet" -> {
                    Map<String, String> labels = pod.getMetadata().getLabels();
                    String hash = labels == null ? null : labels.get("pod-template-hash");
                    String name = ref.getName();
                    if (hash != null && name.endsWith("-" + hash)) {
                        return new WorkloadRef("Deployment", ns, name.substring(0, name.length() - hash.length() - 1));
                    }
                }
                case "StatefulSet", "DaemonSet" -> {
                    return new WorkloadRef(ref.getKind(), ns, ref.getName());
                }
                default -> {
                }
            }
        }
        return null;
    }

    private static NodeInfo toInfo(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        return new NodeInfo(node.getMetadata().getName(), labels.getOrDefault("kubernetes.io/os", "linux"),
                "fargate".equals(labels.get("eks.amazonaws.com/compute-type")));
    }

    private static int replicas(Integer r) {
        return r == null ? 1 : r;
    }

    @Override
    public void close() {
        client.close();
    }
}
