package dev.pim.migration.trust;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Whom a role's Pod Identity statement must admit: the scope, and the service accounts (with their clusters) whose
 * bindings move to Pod Identity with the role. An {@link TrustScope#ACCOUNT} scope needs no subjects.
 */
public record PodIdentityScope(TrustScope level, List<Subject> subjects) {
    static final String CLUSTER_ARN_KEY = "aws:RequestTag/eks-cluster-arn";
    static final String NAMESPACE_KEY = "aws:RequestTag/kubernetes-namespace";
    static final String SERVICE_ACCOUNT_KEY = "aws:RequestTag/kubernetes-service-account";

    /** One service account of one cluster, as EKS tags its pods' role sessions. */
    public record Subject(String clusterArn, String namespace, String serviceAccount) {
        public Subject {
            Objects.requireNonNull(clusterArn, "clusterArn");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(serviceAccount, "serviceAccount");
        }

        /** The value of a session tag of this subject's pods. */
        String tag(String conditionKey) {
            return switch (conditionKey) {
                case CLUSTER_ARN_KEY -> clusterArn;
                case NAMESPACE_KEY -> namespace;
                case SERVICE_ACCOUNT_KEY -> serviceAccount;
                default -> throw new IllegalArgumentException("not a scoping key: " + conditionKey);
            };
        }

        @Override
        public String toString() {
            return namespace + "/" + serviceAccount + " of " + clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
        }
    }

    private static final Comparator<Subject> ORDER = Comparator.comparing(Subject::clusterArn)
            .thenComparing(Subject::namespace).thenComparing(Subject::serviceAccount);

    public PodIdentityScope {
        Objects.requireNonNull(level, "level");
        subjects = subjects == null ? List.of() : subjects.stream().distinct().sorted(ORDER).toList();
    }

    public static PodIdentityScope account() {
        return new PodIdentityScope(TrustScope.ACCOUNT, List.of());
    }

    public static PodIdentityScope of(TrustScope level, Collection<Subject> subjects) {
        return new PodIdentityScope(level, List.copyOf(subjects));
    }

    /** Whether the statement carries no condition: every association of the account may use the role. */
    public boolean unconditioned() {
        return level == TrustScope.ACCOUNT || subjects.isEmpty();
    }
}
