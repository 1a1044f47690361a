package dev.pim.migration.trust;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How far the Pod Identity trust statement reaches, through the session tags EKS sets on every role session it
 * opens: any association of the account, any service account of the migrated bindings' clusters, or only the
 * migrated service accounts themselves (what their IRSA trust admitted).
 */
public enum TrustScope {
    ACCOUNT("account", List.of()),
    CLUSTER("cluster", List.of(PodIdentityScope.CLUSTER_ARN_KEY)),
    SERVICE_ACCOUNT("service-account", List.of(PodIdentityScope.CLUSTER_ARN_KEY, PodIdentityScope.NAMESPACE_KEY,
            PodIdentityScope.SERVICE_ACCOUNT_KEY));

    /** The scope a run uses unless told otherwise: the migrated role reaches no one its IRSA trust did not. */
    public static final TrustScope DEFAULT = SERVICE_ACCOUNT;

    private final String label;
    private final List<String> conditionKeys;

    TrustScope(String label, List<String> conditionKeys) {
        this.label = label;
        this.conditionKeys = conditionKeys;
    }

    /** As written on the command line and in the pipeline input: {@code account}, {@code cluster}, {@code service-account}. */
    public String label() {
        return label;
    }

    /** The {@code aws:RequestTag/...} keys the statement conditions on, in the order they are written. */
    List<String> conditionKeys() {
        return conditionKeys;
    }

    /** The labels, for messages that name the allowed values. */
    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(TrustScope::label).toList());
    }

    /**
     * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
     */
    public static TrustScope parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown trust scope '" + text + "': expected one of "
                        + allowed()));
    }
}
