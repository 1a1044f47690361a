package dev.pim.local.invariant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one served call can have changed, so that the monitor judges again only that: one service account of one
 * cluster (its annotation, its association, one of its workloads), a whole cluster (an add-on, anything else of EKS
 * or Kubernetes), the service accounts of every cluster that use one role (an IAM call naming a role: its trust,
 * its policies, its existence), or everything (any other IAM call: an OIDC provider, a managed policy).
 *
 * @param clusterId       {@code account/region/name}, or null for every cluster
 * @param serviceAccounts {@code namespace/name}, or empty for the whole cluster
 * @param roleNames       the roles an IAM call named (in whatever account), or empty
 */
record CallScope(String clusterId, Set<String> serviceAccounts, Set<String> roleNames) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final CallScope EVERYTHING = new CallScope(null, Set.of(), Set.of());

    CallScope(String clusterId, Set<String> serviceAccounts) {
        this(clusterId, serviceAccounts, Set.of());
    }

    boolean covers(String cluster) {
        return clusterId == null || clusterId.equals(cluster);
    }

    boolean wholeCluster() {
        return serviceAccounts.isEmpty() && roleNames.isEmpty();
    }

    /**
     * @param clusters       every cluster by id
     * @param associationSas per cluster, the service account of each association id (deletions name only the id)
     */
    static CallScope of(String service, HttpRequest request, Map<String, ClusterState> clusters,
                        Map<String, Map<String, String>> associationSas) {
        List<String> path = request.segments();
        if (service.equals("k8s") && path.size() >= 4) {
            String id = path.get(1) + "/" + path.get(2) + "/" + path.get(3);
            return new CallScope(id, kubernetesObject(path.subList(4, path.size()), clusters.get(id)));
        }
        if (service.equals("eks") && path.size() >= 2 && path.get(0).equals("clusters")) {
            List<String> named = clusters.entrySet().stream().filter(e -> e.getValue().name.equals(path.get(1)))
                    .map(Map.Entry::getKey).toList();
            if (named.size() != 1) {
                return EVERYTHING;
            }
            String id = named.get(0);
            if (path.size() >= 3 && path.get(2).equals("pod-identity-associations")) {
                if (path.size() == 3) {
                    return new CallScope(id, createdFor(request));
                }
                String sa = associationSas.getOrDefault(id, Map.of()).get(path.get(3));
                return new CallScope(id, sa == null ? Set.of() : Set.of(sa));
            }
            return new CallScope(id, Set.of());
        }
        if (service.equals("iam")) {
            List<String> role = request.form().get("RoleName");
            if (role != null && role.size() == 1 && !role.get(0).isBlank()) {
                return new CallScope(null, Set.of(), Set.of(role.get(0)));
            }
        }
        return EVERYTHING;
    }

    /** The service account a Kubernetes write touches: its own, or its workload's; nothing narrower otherwise. */
    private static Set<String> kubernetesObject(List<String> rest, ClusterState cluster) {
        // api/v1/namespaces/{ns}/serviceaccounts/{name} or apis/apps/v1/namespaces/{ns}/{kind}/{name}
        int at = rest.indexOf("namespaces");
        if (cluster == null || at < 0 || rest.size() != at + 4) {
            return Set.of();
        }
        String ns = rest.get(at + 1);
        String kind = rest.get(at + 2);
        String name = rest.get(at + 3);
        String key = ns + "/" + name;
        HasMetadata workload = switch (kind) {
            case "serviceaccounts" -> null;
            case "deployments" -> cluster.kubernetes.deployments.get(key);
            case "statefulsets" -> cluster.kubernetes.statefulSets.get(key);
            case "daemonsets" -> cluster.kubernetes.daemonSets.get(key);
            default -> null;
        };
        if (kind.equals("serviceaccounts")) {
            return Set.of(key);
        }
        return workload == null ? Set.of() : Set.of(ns + "/" + ClusterAccess.serviceAccountOf(workload));
    }

    private static Set<String> createdFor(HttpRequest request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body != null && body.hasNonNull("namespace") && body.hasNonNull("serviceAccount")) {
                return Set.of(body.get("namespace").asText() + "/" + body.get("serviceAccount").asText());
            }
        } catch (IOException e) {
            // A body EKS could not read changed nothing; judging the whole cluster is still right.
        }
        return Set.of();
    }
}
