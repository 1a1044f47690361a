package dev.pim.local.state;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Map;
import java.util.TreeMap;

/**
 * The objects of one cluster's Kubernetes API, as real Kubernetes types. Namespaced maps are keyed
 * {@code namespace/name}, so iteration order is the API server's listing order.
 */
public final class KubernetesState {
    public final Map<String, Namespace> namespaces = new TreeMap<>();
    public final Map<String, Node> nodes = new TreeMap<>();
    public final Map<String, ServiceAccount> serviceAccounts = new TreeMap<>();
    public final Map<String, Deployment> deployments = new TreeMap<>();
    public final Map<String, StatefulSet> statefulSets = new TreeMap<>();
    public final Map<String, DaemonSet> daemonSets = new TreeMap<>();
    public final Map<String, Pod> pods = new TreeMap<>();
    private long resourceVersion = 1000;

    public static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    public static String key(HasMetadata object) {
        return key(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    /** Stamps a new resourceVersion on an object that changed, and returns it. */
    public String bump(HasMetadata object) {
        String version = Long.toString(++resourceVersion);
        object.getMetadata().setResourceVersion(version);
        return version;
    }

    public String currentResourceVersion() {
        return Long.toString(resourceVersion);
    }
}
