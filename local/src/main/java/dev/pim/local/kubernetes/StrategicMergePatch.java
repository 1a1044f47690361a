package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' strategic merge patch for the objects the migration touches: maps merge as in a merge patch;
 * lists whose API field declares a merge key (containers and env by {@code name}, volume mounts by
 * {@code mountPath}...) merge element by element; other lists are replaced. Supports the {@code $patch}
 * directive ({@code delete} on a map or list element, {@code replace}), {@code $retainKeys} and
 * {@code $deleteFromPrimitiveList/<field>}; {@code $setElementOrder/<field>} is accepted and ignored.
 */
final class StrategicMergePatch {
    /** Merge keys by field name, as declared by {@code patchMergeKey} in the Kubernetes API types. */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("env", "name"), Map.entry("volumes", "name"),
            Map.entry("volumeMounts", "mountPath"), Map.entry("volumeDevices", "devicePath"),
            Map.entry("ports", "containerPort"), Map.entry("imagePullSecrets", "name"), Map.entry("secrets", "name"),
            Map.entry("ownerReferences", "uid"), Map.entry("hostAliases", "ip"), Map.entry("conditions", "type"),
            Map.entry("topologySpreadConstraints", "topologyKey"));
    private static final String DIRECTIVE = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String ELEMENT_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVES = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {
    }

    static JsonNode apply(JsonNode current, ObjectNode patch) {
        JsonNode merged = mergeObject((ObjectNode) current.deepCopy(), patch, 0);
        if (merged == null) {
            throw StatusErrors.badRequest("a strategic merge patch cannot delete the whole object");
        }
        return merged;
    }

    /** Merges {@code patch} into {@code target} (changed in place); null when the patch deletes the map. */
    private static ObjectNode mergeObject(ObjectNode target, ObjectNode patch, int depth) {
        String directive = patch.path(DIRECTIVE).asText("");
        if (directive.equals("delete")) {
            return null;
        }
        if (directive.equals("replace")) {
            return (ObjectNode) withoutDirectives(patch);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            mergeField(target, field.getKey(), field.getValue(), depth);
        }
        if (patch.get(RETAIN_KEYS) instanceof ArrayNode retain) {
            List<String> keep = new ArrayList<>();
            retain.forEach(k -> keep.add(k.asText()));
            target.retain(keep);
        }
        return target;
    }

    private static void mergeField(ObjectNode target, String name, JsonNode value, int depth) {
        if (name.equals(DIRECTIVE) || name.equals(RETAIN_KEYS) || name.startsWith(ELEMENT_ORDER)) {
            return;
        }
        if (name.startsWith(DELETE_FROM_PRIMITIVES)) {
            deleteFromPrimitiveList(target, name.substring(DELETE_FROM_PRIMITIVES.length()), value);
            return;
        }
        JsonNode existing = target.get(name);
        if (value.isNull()) {
            target.remove(name);
        } else if (value.isObject()) {
            ObjectNode base = existing != null && existing.isObject() ? (ObjectNode) existing : target.objectNode();
            ObjectNode merged = mergeObject(base, (ObjectNode) value, depth + 1);
            if (merged == null) {
                target.remove(name);
            } else {
                target.set(name, merged);
            }
        } else if (value.isArray() && mergeKey(name, depth) != null) {
            ArrayNode base = existing != null && existing.isArray() ? (ArrayNode) existing : target.arrayNode();
            target.set(name, mergeList(base, (ArrayNode) value, mergeKey(name, depth), depth));
        } else {
            target.set(name, withoutDirectives(value));
        }
    }

    /** A ServiceAccount's own {@code imagePullSecrets} has no merge strategy: it is replaced (a pod spec's merges). */
    private static String mergeKey(String field, int depth) {
        return field.equals("imagePullSecrets") && depth == 0 ? null : MERGE_KEYS.get(field);
    }

    private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, String key, int depth) {
        for (JsonNode element : patch) {
            if (element.isObject() && element.path(DIRECTIVE).asText("").equals("replace")) {
                ArrayNode replaced = patch.arrayNode();
                patch.forEach(e -> {
                    if (!e.path(DIRECTIVE).asText("").equals("replace")) {
                        replaced.add(withoutDirectives(e));
                    }
                });
                return replaced;
            }
        }
        ArrayNode result = target.deepCopy();
        for (JsonNode element : patch) {
            if (!element.isObject() || !element.has(key)) {
                throw StatusErrors.badRequest("map: " + element + " does not contain declared merge key: " + key);
            }
            int index = indexOf(result, key, element.get(key));
            boolean delete = element.path(DIRECTIVE).asText("").equals("delete");
            if (delete && index >= 0) {
                result.remove(index);
            } else if (!delete && index >= 0) {
                result.set(index, mergeObject((ObjectNode) result.get(index), (ObjectNode) element, depth + 1));
            } else if (!delete) {
                result.add(withoutDirectives(element));
            }
        }
        return result;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static void deleteFromPrimitiveList(ObjectNode target, String field, JsonNode values) {
        if (target.get(field) instanceof ArrayNode list && values.isArray()) {
            ArrayNode kept = list.arrayNode();
            list.forEach(v -> {
                boolean listed = false;
                for (JsonNode d : values) {
                    listed |= d.equals(v);
                }
                if (!listed) {
                    kept.add(v);
                }
            });
            target.set(field, kept);
        }
    }

    /** A patch value stored as is, minus the directives it may carry. */
    private static JsonNode withoutDirectives(JsonNode value) {
        if (value.isObject()) {
            ObjectNode copy = value.deepCopy();
            copy.remove(DIRECTIVE);
            copy.remove(RETAIN_KEYS);
            List<String> names = new ArrayList<>();
            copy.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (name.startsWith(ELEMENT_ORDER) || name.startsWith(DELETE_FROM_PRIMITIVES)) {
                    copy.remove(name);
                } else {
                    copy.set(name, withoutDirectives(copy.get(name)));
                }
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = value.deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                copy.set(i, withoutDirectives(copy.get(i)));
            }
            return copy;
        }
        return value;
    }
}
