package dev.pim.local.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Fargate profile: pods matching one of its selectors run on Fargate. */
public record FargateProfileState(String name, String podExecutionRoleArn, List<Selector> selectors,
                                  Instant createdAt) {

    /** A pod matches if its namespace is the selector's and it carries all of the selector's labels. */
    public record Selector(String namespace, Map<String, String> labels) {
        public boolean matches(String podNamespace, Map<String, String> podLabels) {
            if (!namespace.equals(podNamespace)) {
                return false;
            }
            Map<String, String> have = podLabels == null ? Map.of() : podLabels;
            return labels == null || labels.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(have.get(e.getKey())));
        }
    }

    public boolean selects(String podNamespace, Map<String, String> podLabels) {
        return selectors.stream().anyMatch(s -> s.matches(podNamespace, podLabels));
    }
}
