package dev.pim.local.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.HttpResponse;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Kubernetes objects as JSON trees and back, through fabric8's {@link Serialization} so that the wire form is
 * the real one (patches are applied to trees, then read back into typed objects).
 */
final class KubernetesJson {
    private static final ObjectMapper TREES = new ObjectMapper();

    private KubernetesJson() {
    }

    static JsonNode toTree(Object object) {
        return parse(Serialization.asJson(object));
    }

    /** Reads a tree into a typed object; a tree that does not fit the type is the caller's bad request. */
    static <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            return Serialization.unmarshal(tree.toString(), type);
        } catch (RuntimeException e) {
            throw StatusErrors.badRequest("the object does not decode as " + type.getSimpleName() + ": " + rootMessage(e));
        }
    }

    /** Parses a request body; malformed JSON is a 400 as the API server answers it. */
    static JsonNode parse(String json) {
        try {
            JsonNode node = TREES.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw StatusErrors.badRequest("the request body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw StatusErrors.badRequest("error decoding request body: " + e.getOriginalMessage());
        }
    }

    static HttpResponse ok(Object object) {
        return HttpResponse.json(200, Serialization.asJson(object));
    }

    /**
     * A list as the API server sends it: {@code items} is there even when empty (fabric8's models leave an empty
     * list out, and clients reading {@code .items} would then find nothing).
     */
    static HttpResponse okList(KubernetesResourceList<?> list) {
        ObjectNode tree = (ObjectNode) toTree(list);
        if (!tree.has("items")) {
            tree.putArray("items");
        }
        return HttpResponse.json(200, tree.toString());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
