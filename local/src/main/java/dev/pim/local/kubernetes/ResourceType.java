package dev.pim.local.kubernetes;

import dev.pim.local.state.KubernetesState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountList;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetList;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One kind of object the emulated API servers serve: where it lives in the URL space and in
 * {@link KubernetesState}, and how its lists are typed on the wire.
 *
 * @param group      the API group, {@code ""} for core
 * @param plural     the resource name in URLs and RBAC ({@code serviceaccounts})
 * @param namespaced whether objects live in namespaces (their state keys are then {@code namespace/name})
 * @param writable   whether PATCH and PUT are served (the migration only writes service accounts and workloads)
 * @param workload   whether it is a Deployment, StatefulSet or DaemonSet, whose pods a controller keeps
 */
record ResourceType<T extends HasMetadata>(String group, String version, String plural, String kind, boolean namespaced,
                                           boolean writable, boolean workload, Class<T> type,
                                           Function<KubernetesState, Map<String, T>> store,
                                           BiFunction<ListMeta, List<T>, KubernetesResourceList<T>> listOf) {

    static final ResourceType<ServiceAccount> SERVICE_ACCOUNTS = new ResourceType<>("", "v1", "serviceaccounts",
            "ServiceAccount", true, true, false, ServiceAccount.class, k -> k.serviceAccounts,
            (meta, items) -> new ServiceAccountList("v1", items, "ServiceAccountList", meta));
    static final ResourceType<Pod> PODS = new ResourceType<>("", "v1", "pods", "Pod", true, false, false, Pod.class,
            k -> k.pods, (meta, items) -> new PodList("v1", items, "PodList", meta));
    static final ResourceType<Node> NODES = new ResourceType<>("", "v1", "nodes", "Node", false, false, false, Node.class,
            k -> k.nodes, (meta, items) -> new NodeList("v1", items, "NodeList", meta));
    static final ResourceType<Namespace> NAMESPACES = new ResourceType<>("", "v1", "namespaces", "Namespace", false, false,
            false, Namespace.class, k -> k.namespaces, (meta, items) -> new NamespaceList("v1", items, "NamespaceList", meta));
    static final ResourceType<Deployment> DEPLOYMENTS = new ResourceType<>("apps", "v1", "deployments", "Deployment", true,
            true, true, Deployment.class, k -> k.deployments,
            (meta, items) -> new DeploymentList("apps/v1", items, "DeploymentList", meta));
    static final ResourceType<StatefulSet> STATEFUL_SETS = new ResourceType<>("apps", "v1", "statefulsets", "StatefulSet",
            true, true, true, StatefulSet.class, k -> k.statefulSets,
            (meta, items) -> new StatefulSetList("apps/v1", items, "StatefulSetList", meta));
    static final ResourceType<DaemonSet> DAEMON_SETS = new ResourceType<>("apps", "v1", "daemonsets", "DaemonSet", true,
            true, true, DaemonSet.class, k -> k.daemonSets,
            (meta, items) -> new DaemonSetList("apps/v1", items, "DaemonSetList", meta));

    static final List<ResourceType<?>> ALL = List.of(SERVICE_ACCOUNTS, PODS, NODES, NAMESPACES, DEPLOYMENTS, STATEFUL_SETS,
            DAEMON_SETS);

    static Optional<ResourceType<?>> find(String group, String plural) {
        return ALL.stream().filter(t -> t.group.equals(group) && t.plural.equals(plural)).findFirst();
    }

    /** {@code v1} or {@code apps/v1}, as objects and lists carry it. */
    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The group-qualified resource API server messages name: {@code serviceaccounts}, {@code deployments.apps}. */
    String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The operation name counters and fault rules use: {@code ListServiceAccounts}, {@code PatchDeployment}. */
    String operationName(Verb verb) {
        return switch (verb) {
            case LIST -> "List" + kind + "s";
            case GET -> "Get" + kind;
            case PATCH -> "Patch" + kind;
            case UPDATE -> "Update" + kind;
        };
    }

    String key(String namespace, String name) {
        return namespaced ? KubernetesState.key(namespace, name) : name;
    }

    Optional<T> find(KubernetesState k8s, String namespace, String name) {
        return Optional.ofNullable(store.apply(k8s).get(key(namespace, name)));
    }

    void put(KubernetesState k8s, T object) {
        store.apply(k8s).put(key(object.getMetadata().getNamespace(), object.getMetadata().getName()), object);
    }
}
