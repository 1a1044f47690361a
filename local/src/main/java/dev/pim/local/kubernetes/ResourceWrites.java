package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Instant;
import java.util.List;

/**
 * PATCH and PUT of one object, as the API server's update path does them: the proposed object must keep its
 * name and namespace and, if it names a resourceVersion, the current one (optimistic concurrency);
 * server-managed fields (uid, creation time, generation, a workload's status) cannot be written; an unchanged
 * object is not rewritten; a workload whose spec changed gets a new generation and its controller reconciles
 * its pods (a rollout restart re-creates them through admission).
 */
final class ResourceWrites {
    private static final List<String> SYSTEM_METADATA = List.of("uid", "creationTimestamp", "generation",
            "resourceVersion", "managedFields", "selfLink");

    private ResourceWrites() {
    }

    static <T extends HasMetadata> HttpResponse patch(ResourceType<T> type, ClusterState cluster, Instant now,
                                                      ApiRoute route, HttpRequest request) {
        T current = currentObject(type, cluster, route);
        JsonNode patched = Patches.apply(request.header("content-type"), KubernetesJson.toTree(current),
                request.bodyText());
        return commit(type, cluster, now, route, current, patched);
    }

    static <T extends HasMetadata> HttpResponse update(ResourceType<T> type, ClusterState cluster, Instant now,
                                                       ApiRoute route, HttpRequest request) {
        T current = currentObject(type, cluster, route);
        JsonNode body = KubernetesJson.parse(request.bodyText());
        if (!body.isObject()) {
            throw StatusErrors.badRequest("the request body must be a " + type.kind() + " object");
        }
        String kind = body.path("kind").asText(type.kind());
        String apiVersion = body.path("apiVersion").asText(type.apiVersion());
        if (!kind.equals(type.kind()) || !apiVersion.equals(type.apiVersion())) {
            throw StatusErrors.badRequest(apiVersion + ", Kind=" + kind + " cannot be handled as a " + type.kind()
                    + " (expected " + type.apiVersion() + ")");
        }
        return commit(type, cluster, now, route, current, body);
    }

    private static <T extends HasMetadata> T currentObject(ResourceType<T> type, ClusterState cluster, ApiRoute route) {
        return type.find(cluster.kubernetes, route.namespace(), route.name())
                .orElseThrow(() -> StatusErrors.notFound(type, route.name()));
    }

    private static <T extends HasMetadata> HttpResponse commit(ResourceType<T> type, ClusterState cluster, Instant now,
                                                               ApiRoute route, T current, JsonNode proposedTree) {
        ObjectNode proposed = proposedTree.deepCopy();
        JsonNode currentTree = KubernetesJson.toTree(current);
        ObjectNode metadata = proposed.withObjectProperty("metadata");
        checkIdentity(type, route, metadata);
        checkResourceVersion(type, route.name(), current, metadata);
        keepServerManagedFields(type, currentTree, proposed);
        if (proposed.equals(currentTree)) {
            return KubernetesJson.ok(current);
        }
        boolean specChanged = type.workload() && !proposed.path("spec").equals(currentTree.path("spec"));
        if (type.workload()) {
            WorkloadRules.check(type, route.name(), currentTree, proposed);
        }
        if (specChanged) {
            metadata.put("generation", currentTree.path("metadata").path("generation").asLong(0) + 1);
        }
        T next = KubernetesJson.fromTree(proposed, type.type());
        if (route.dryRun()) {
            return KubernetesJson.ok(next);
        }
        type.put(cluster.kubernetes, next);
        if (specChanged) {
            WorkloadController.reconcile(cluster, next, now);
        }
        cluster.kubernetes.bump(next);
        return KubernetesJson.ok(next);
    }

    private static void checkIdentity(ResourceType<?> type, ApiRoute route, ObjectNode metadata) {
        String name = metadata.path("name").asText("");
        if (!name.equals(route.name())) {
            throw StatusErrors.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                    + route.name() + ")");
        }
        if (!type.namespaced()) {
            return;
        }
        String namespace = metadata.path("namespace").asText("");
        if (namespace.isEmpty()) {
            metadata.put("namespace", route.namespace());
        } else if (!namespace.equals(route.namespace())) {
            throw StatusErrors.badRequest("the namespace of the provided object does not match the namespace sent on "
                    + "the request");
        }
    }

    /** A resourceVersion in the proposed object is a precondition: it must be the current one. */
    private static void checkResourceVersion(ResourceType<?> type, String name, HasMetadata current, ObjectNode metadata) {
        String proposed = metadata.path("resourceVersion").asText("");
        if (!proposed.isEmpty() && !proposed.equals(current.getMetadata().getResourceVersion())) {
            throw StatusErrors.conflict(type, name);
        }
    }

    private static void keepServerManagedFields(ResourceType<?> type, JsonNode current, ObjectNode proposed) {
        ObjectNode metadata = proposed.withObjectProperty("metadata");
        JsonNode currentMetadata = current.path("metadata");
        for (String field : SYSTEM_METADATA) {
            if (currentMetadata.has(field)) {
                metadata.set(field, currentMetadata.get(field));
            } else {
                metadata.remove(field);
            }
        }
        // Workload status belongs to the status subresource: writes to the object itself leave it as it is.
        if (type.workload()) {
            if (current.has("status")) {
                proposed.set("status", current.get("status"));
            } else {
                proposed.remove("status");
            }
        }
    }
}
