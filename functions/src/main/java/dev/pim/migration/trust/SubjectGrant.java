package dev.pim.migration.trust;

import java.util.Optional;

/**
 * One way a trust policy lets a cluster's service accounts assume the role through IRSA: a {@code sub}
 * value under a condition operator, or a statement with no {@code sub} condition at all (every service
 * account of the cluster).
 *
 * @param statement the statement granting it, as notes name it ({@code statement 2 (Sid "X")})
 * @param operator  the condition operator holding the value; empty when the statement has no sub condition
 * @param subject   the listed value ({@code system:serviceaccount:ns:sa} or a pattern); {@code *} when unrestricted
 */
public record SubjectGrant(String statement, Optional<String> operator, String subject) {
    static SubjectGrant unrestricted(String statement) {
        return new SubjectGrant(statement, Optional.empty(), "*");
    }

    /** Whether the statement trusts every service account of the cluster (no {@code sub} condition). */
    public boolean isUnrestricted() {
        return operator.isEmpty();
    }

    /** Whether the value is a wildcard pattern ({@code StringLike} with {@code *} or {@code ?}). */
    public boolean isPattern() {
        return isUnrestricted() || (parsedOperator().isLike() && Wildcards.hasWildcard(subject));
    }

    /** The namespace and service-account name (either may be a pattern), if the value has that form. */
    public Optional<ServiceAccountSubject> serviceAccount() {
        return isUnrestricted() ? Optional.empty() : ServiceAccountSubject.parse(subject);
    }

    /** Whether this grant admits the service account, as IAM compares the value under its operator. */
    public boolean matches(String namespace, String serviceAccount) {
        String candidate = new ServiceAccountSubject(namespace, serviceAccount).subject();
        return isUnrestricted() || parsedOperator().admits(subject, candidate);
    }

    private ConditionOperator parsedOperator() {
        return ConditionOperator.parse(operator.orElseThrow());
    }
}
