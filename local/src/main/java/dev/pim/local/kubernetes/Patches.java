package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The three PATCH formats of the API server, chosen by {@code Content-Type}: JSON Patch (RFC 6902, through
 * zjsonpatch), JSON merge patch (RFC 7386) and strategic merge patch ({@link StrategicMergePatch}).
 */
final class Patches {
    static final String JSON_PATCH = "application/json-patch+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

    private Patches() {
    }

    /** Returns the patched copy of {@code current}; {@code current} itself is left alone. */
    static JsonNode apply(String contentType, JsonNode current, String body) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case JSON_PATCH -> jsonPatch(current, KubernetesJson.parse(body));
            case MERGE_PATCH -> mergePatch(current.deepCopy(), object(KubernetesJson.parse(body)));
            case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(current, object(KubernetesJson.parse(body)));
            default -> throw StatusErrors.unsupportedMediaType(mediaType);
        };
    }

    private static JsonNode jsonPatch(JsonNode current, JsonNode operations) {
        if (!operations.isArray()) {
            throw StatusErrors.badRequest("json: cannot unmarshal " + operations.getNodeType().name().toLowerCase(Locale.ROOT)
                    + " into Go value of type jsonpatch.Patch");
        }
        try {
            return JsonPatch.apply(operations, current);
        } catch (JsonPatchException e) {
            throw StatusErrors.patchNotApplicable(e.getMessage());
        } catch (RuntimeException e) {
            // zjsonpatch reports malformed operations (unknown op, missing path) with other exception types.
            throw StatusErrors.patchNotApplicable(String.valueOf(e.getMessage()));
        }
    }

    /** RFC 7386: objects merge member by member, null deletes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : ((ObjectNode) patch).objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    private static ObjectNode object(JsonNode patch) {
        if (!patch.isObject()) {
            throw StatusErrors.badRequest("a merge patch must be a JSON object, got " + patch.getNodeType());
        }
        return (ObjectNode) patch;
    }
}
