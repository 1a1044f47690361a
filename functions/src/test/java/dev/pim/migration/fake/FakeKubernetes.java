package dev.pim.migration.fake;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.inventory.NodeInfo;
import dev.pim.migration.inventory.PodInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.inventory.WorkloadInfo;
import dev.pim.migration.port.KubernetesPort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster's Kubernetes API in memory. Pods get their credential environment when they are created, from the
 * webhook's rule: the Pod Identity variables when their service account has an association, otherwise the IRSA
 * ones when it carries the role-arn annotation. So a restart is what moves running pods, as on a real cluster.
 */
public final class FakeKubernetes implements KubernetesPort {
    private static final Set<String> POD_IDENTITY_ENV = Set.of("AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    private static final Set<String> IRSA_ENV = Set.of("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE");
    private static final String NODE = "ip-10-0-1-17.ec2.internal";
    private final FakeEks eks;
    private final CallLog log;
    private final Map<ServiceAccountRef, ServiceAccountInfo> serviceAccounts = new LinkedHashMap<>();
    private final Map<WorkloadRef, WorkloadInfo> workloads = new LinkedHashMap<>();
    private final List<PodInfo> pods = new ArrayList<>();
    private final Map<WorkloadRef, Integer> generations = new HashMap<>();
    private final Set<WorkloadRef> refusingRestart = new java.util.HashSet<>();
    private RuntimeException unreachable;

    public FakeKubernetes(FakeEks eks, CallLog log) {
        this.eks = eks;
        this.log = log;
    }

    /** A service account, annotated with {@code roleArn} for IRSA unless it is null. */
    public synchronized FakeKubernetes serviceAccount(String namespace, String name, String roleArn) {
        Map<String, String> annotations = roleArn == null ? Map.of() : Map.of(ServiceAccountInfo.ROLE_ARN_ANNOTATION, roleArn);
        serviceAccounts.put(new ServiceAccountRef(namespace, name), new ServiceAccountInfo(
                new ServiceAccountRef(namespace, name), annotations, "1"));
        return this;
    }

    /** A Deployment with running pods, which get their environment from the webhook now. */
    public synchronized FakeKubernetes deployment(String namespace, String name, String serviceAccount, int replicas) {
        WorkloadRef ref = new WorkloadRef("Deployment", namespace, name);
        workloads.put(ref, new WorkloadInfo(ref, serviceAccount, replicas, Map.of(), Map.of("app", name), null));
        startPods(ref, Instant.parse("2026-11-01T00:00:00Z"));
        return this;
    }

    /** One more annotation on a service account (the webhook's settings beside role-arn). */
    public synchronized FakeKubernetes annotate(String namespace, String name, String key, String value) {
        patch(new ServiceAccountRef(namespace, name), key, value);
        return this;
    }

    /** The pod template of a Deployment: its annotations and its containers (none sets a variable itself). */
    public synchronized FakeKubernetes podTemplate(String namespace, String name, Map<String, String> podAnnotations,
                                                   String... containers) {
        WorkloadRef ref = new WorkloadRef("Deployment", namespace, name);
        WorkloadInfo w = workloads.get(ref);
        workloads.put(ref, new WorkloadInfo(ref, w.serviceAccount(), w.replicas(), w.nodeSelector(), w.podLabels(),
                w.restartedAt(), podAnnotations, java.util.Arrays.stream(containers)
                .map(c -> new WorkloadInfo.TemplateContainer(c, Set.of())).toList()));
        return this;
    }

    public synchronized Map<String, String> annotations(ServiceAccountRef sa) {
        return serviceAccounts.get(sa).annotations();
    }

    /** Kubernetes refuses to restart this workload (an admission webhook says no). */
    public synchronized void refuseRestartOf(WorkloadRef workload) {
        refusingRestart.add(workload);
    }

    /** Every call fails with this until {@link #reachable()}: the API server (or the way to it) is gone. */
    public synchronized void unreachable(RuntimeException failure) {
        unreachable = failure;
    }

    public synchronized void reachable() {
        unreachable = null;
    }

    private void requireReachable() {
        if (unreachable != null) {
            throw unreachable;
        }
    }

    public synchronized Optional<String> annotation(ServiceAccountRef sa) {
        return Optional.ofNullable(serviceAccounts.get(sa)).map(ServiceAccountInfo::roleArnAnnotation);
    }

    @Override
    public synchronized List<ServiceAccountInfo> serviceAccounts() {
        requireReachable();
        return List.copyOf(serviceAccounts.values());
    }

    @Override
    public synchronized Optional<ServiceAccountInfo> serviceAccount(ServiceAccountRef ref) {
        requireReachable();
        return Optional.ofNullable(serviceAccounts.get(ref));
    }

    @Override
    public synchronized List<WorkloadInfo> workloads() {
        requireReachable();
        return List.copyOf(workloads.values());
    }

    @Override
    public synchronized List<PodInfo> pods() {
        requireReachable();
        return List.copyOf(pods);
    }

    @Override
    public synchronized List<NodeInfo> nodes() {
        requireReachable();
        return List.of(new NodeInfo(NODE, "linux", false));
    }

    @Override
    public synchronized void removeAnnotation(ServiceAccountRef ref, String key) {
        requireReachable();
        patch(ref, key, null);
        log.write("k8s RemoveAnnotation " + ref);
    }

    @Override
    public synchronized void removeAnnotations(ServiceAccountRef ref, java.util.Collection<String> keys) {
        requireReachable();
        keys.forEach(key -> patch(ref, key, null));
        log.write("k8s RemoveAnnotations " + ref + " " + List.copyOf(keys));
    }

    @Override
    public synchronized void setAnnotation(ServiceAccountRef ref, String key, String value) {
        requireReachable();
        patch(ref, key, value);
        log.write("k8s SetAnnotation " + ref);
    }

    @Override
    public synchronized void restart(WorkloadRef workload, Instant at) {
        requireReachable();
        WorkloadInfo w = workloads.get(workload);
        if (w == null) {
            throw new IllegalStateException("NotFound: " + workload);
        }
        if (refusingRestart.contains(workload)) {
            throw new IllegalStateException("admission webhook denied the request");
        }
        workloads.put(workload, new WorkloadInfo(workload, w.serviceAccount(), w.replicas(), w.nodeSelector(),
                w.podLabels(), at.toString(), w.podAnnotations(), w.containers()));
        pods.removeIf(p -> workload.equals(p.owner()));
        startPods(workload, at);
        log.write("k8s Restart " + workload);
    }

    private void patch(ServiceAccountRef ref, String key, String value) {
        ServiceAccountInfo sa = serviceAccounts.get(ref);
        if (sa == null) {
            throw new IllegalStateException("NotFound: serviceaccounts \"" + ref.name() + "\" in " + ref.namespace());
        }
        Map<String, String> annotations = new LinkedHashMap<>(sa.annotations());
        if (value == null) {
            annotations.remove(key);
        } else {
            annotations.put(key, value);
        }
        String version = Integer.toString(Integer.parseInt(sa.resourceVersion()) + 1);
        serviceAccounts.put(ref, new ServiceAccountInfo(ref, Map.copyOf(annotations), version));
    }

    private void startPods(WorkloadRef workload, Instant at) {
        WorkloadInfo w = workloads.get(workload);
        int generation = generations.merge(workload, 1, Integer::sum);
        ServiceAccountRef sa = new ServiceAccountRef(workload.namespace(), w.serviceAccount());
        for (int i = 0; i < w.replicas(); i++) {
            pods.add(new PodInfo(workload.namespace(), workload.name() + "-" + generation + "-" + i, w.serviceAccount(),
                    NODE, "Running", workload, webhookEnvironment(sa), at.toString()));
        }
    }

    private Set<String> webhookEnvironment(ServiceAccountRef sa) {
        if (eks.association(sa).isPresent()) {
            return POD_IDENTITY_ENV;
        }
        return Optional.ofNullable(serviceAccounts.get(sa)).map(ServiceAccountInfo::roleArnAnnotation).isPresent()
                ? IRSA_ENV : Set.of();
    }
}
