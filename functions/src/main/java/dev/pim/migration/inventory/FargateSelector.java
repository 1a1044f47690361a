package dev.pim.migration.inventory;

import java.util.Map;

/** One selector of a Fargate profile: pods in the namespace with all these labels run on Fargate. */
public record FargateSelector(String profile, String namespace, Map<String, String> labels) {

    public boolean selects(String podNamespace, Map<String, String> podLabels) {
        return namespace.equals(podNamespace)
                && labels.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }
}
