package dev.pim.fleet;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which clusters of the fleet the schedule migrates: names matching a pattern, carrying a tag if one is
 * required, and not carrying the opt-out tag.
 *
 * @param namePattern a regular expression the whole cluster name must match
 * @param requiredTag {@code key=value} a cluster must carry, or null
 * @param optOutTag   {@code key} (any value but "false") or {@code key=value} that excludes a cluster
 */
public record FleetSelector(Pattern namePattern, String requiredTag, String optOutTag) {
    public static final String DEFAULT_OPT_OUT_TAG = "pod-identity-migrator/opt-out";

    /** From the settings the scan function is deployed with; an invalid pattern names the setting. */
    public static FleetSelector of(String namePattern, String requiredTag, String optOutTag) {
        try {
            return new FleetSelector(Pattern.compile(namePattern == null || namePattern.isBlank() ? ".*" : namePattern),
                    blankToNull(requiredTag), optOutTag == null || optOutTag.isBlank() ? DEFAULT_OPT_OUT_TAG : optOutTag);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("CLUSTER_NAME_PATTERN is not a regular expression: " + e.getMessage(), e);
        }
    }

    /** Why a cluster is left out, or empty when it is selected. */
    public Optional<String> exclusion(String clusterName, Map<String, String> tags) {
        if (!namePattern.matcher(clusterName).matches()) {
            return Optional.of("name does not match " + namePattern.pattern());
        }
        if (requiredTag != null && !hasTag(tags, requiredTag)) {
            return Optional.of("lacks the tag " + requiredTag);
        }
        if (optedOut(tags)) {
            return Optional.of("opted out with the tag " + optOutTag);
        }
        return Optional.empty();
    }

    private boolean optedOut(Map<String, String> tags) {
        if (optOutTag.contains("=")) {
            return hasTag(tags, optOutTag);
        }
        String value = tags.get(optOutTag);
        return value != null && !value.equalsIgnoreCase("false");
    }

    private static boolean hasTag(Map<String, String> tags, String keyValue) {
        String[] kv = keyValue.split("=", 2);
        return kv.length == 2 ? kv[1].equals(tags.get(kv[0])) : tags.containsKey(kv[0]);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
