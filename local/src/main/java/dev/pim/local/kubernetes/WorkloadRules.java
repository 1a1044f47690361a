package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The validation the apps/v1 API applies to a changed Deployment, StatefulSet or DaemonSet that a careless
 * patch could break: the selector is immutable, must still select the pod template, and replicas are not
 * negative.
 */
final class WorkloadRules {

    private WorkloadRules() {
    }

    /** Throws the API server's 422 Invalid for the first broken rule. */
    static void check(ResourceType<?> type, String name, JsonNode current, JsonNode proposed) {
        JsonNode selector = proposed.path("spec").path("selector");
        if (!selector.equals(current.path("spec").path("selector"))) {
            throw StatusErrors.invalid(type, name, "spec.selector", selector.toString(), "field is immutable");
        }
        JsonNode labels = proposed.path("spec").path("template").path("metadata").path("labels");
        Iterator<Map.Entry<String, JsonNode>> required = selector.path("matchLabels").fields();
        while (required.hasNext()) {
            Map.Entry<String, JsonNode> label = required.next();
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                throw StatusErrors.invalid(type, name, "spec.template.metadata.labels", labels.toString(),
                        "`selector` does not match template `labels`");
            }
        }
        JsonNode replicas = proposed.path("spec").path("replicas");
        if (replicas.isNumber() && replicas.asLong() < 0) {
            throw StatusErrors.invalid(type, name, "spec.replicas", replicas.toString(),
                    "must be greater than or equal to 0");
        }
    }
}
