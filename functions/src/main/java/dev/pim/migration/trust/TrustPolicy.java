package dev.pim.migration.trust;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An IAM role trust policy, parsed into an immutable model that keeps everything it does not interpret,
 * so that an edit changes only what it means to change. Rendering gives canonical minified JSON with the
 * original key and statement order.
 *
 * @param statementIsList whether {@code Statement} is written as an array (IAM also accepts one object)
 */
public record TrustPolicy(
        Optional<String> version,
        Optional<String> id,
        List<Statement> statements,
        boolean statementIsList,
        ObjectLayout layout) {

    public static final String VERSION = "Version";
    public static final String ID = "Id";
    public static final String STATEMENT = "Statement";
    static final List<String> KNOWN_KEYS = List.of(VERSION, ID, STATEMENT);

    public TrustPolicy {
        statements = List.copyOf(statements);
        if (!statementIsList && statements.size() != 1) {
            throw new IllegalArgumentException("a Statement written as one object must hold exactly one statement");
        }
    }

    /**
     * Parses a trust policy as JSON text (decode what GetRole or ListRoles return with {@link #decodeIam}).
     *
     * @param roleArn the role the policy belongs to, named in error messages
     * @throws TrustPolicyException if the text is not JSON, not an object, or has no object or array Statement
     */
    public static TrustPolicy parse(String roleArn, String json) {
        return TrustPolicyParser.parse(roleArn, json);
    }

    /**
     * The JSON text of a trust policy as IAM returns it in GetRole and ListRoles: URL-encoded (RFC 3986).
     * A literal {@code +} arrives as {@code %2B}, so {@link URLDecoder} turning {@code +} into a space is safe.
     */
    public static String decodeIam(String urlEncoded) {
        return URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8);
    }

    /** Canonical minified JSON, as sent to UpdateAssumeRolePolicy. */
    public String render() {
        return TrustPolicyWriter.render(this);
    }

    /** The size IAM holds against the {@code ACLSizePerRole} quota: characters of the minified document. */
    public int size() {
        String rendered = render();
        return rendered.codePointCount(0, rendered.length());
    }

    public boolean fitsQuota(int quota) {
        return charactersOver(quota) == 0;
    }

    /** How many characters must go before the policy fits {@code quota}; 0 when it fits. */
    public int charactersOver(int quota) {
        return Math.max(0, size() - quota);
    }

    /** Ensures {@code pods.eks.amazonaws.com} may assume the role with session tags; never adds a duplicate. */
    public TrustEdit ensurePodIdentity() {
        return PodIdentityTrust.ensure(this);
    }

    /**
     * Ensures {@code pods.eks.amazonaws.com} may assume the role for the scope's service accounts (or clusters), with
     * conditions on the session tags EKS sets; one statement per role, whose lists a later run extends.
     */
    public TrustEdit ensurePodIdentity(PodIdentityScope scope) {
        return PodIdentityTrust.ensure(this, scope);
    }

    /**
     * Whether EKS Pod Identity may open a session of this role (AssumeRole and TagSession) for pods of the service
     * account on the cluster, as IAM would decide; false also when it turns on something unknown at plan time.
     */
    public boolean admitsPodIdentity(String clusterArn, String namespace, String serviceAccount) {
        return ScopedPodIdentityTrust.admits(this, new PodIdentityScope.Subject(clusterArn, namespace, serviceAccount));
    }

    /**
     * This policy with the Pod Identity statements of {@code written} (a policy a run wrote) that it lacks appended:
     * what rollback keeps while pods still use Pod Identity, without widening the statement the run wrote.
     */
    public TrustPolicy withPodIdentityStatementsOf(TrustPolicy written) {
        List<String> present = statements.stream().map(s -> new TrustPolicy(Optional.empty(), Optional.empty(),
                List.of(s), true, layout).render()).toList();
        List<Statement> out = new ArrayList<>(statements);
        for (Statement s : written.statements()) {
            String rendered = new TrustPolicy(Optional.empty(), Optional.empty(), List.of(s), true, layout).render();
            if (PodIdentityTrust.isEquivalent(s) && !present.contains(rendered)) {
                out.add(s);
            }
        }
        return out.size() == statements.size() ? this : withStatements(out);
    }

    /**
     * Removes the given {@code sub} values from the IRSA statements of exactly this OIDC provider.
     *
     * @param providerArn the cluster's IAM OIDC provider ARN
     * @param subjects    {@code system:serviceaccount:<ns>:<sa>} subjects, or exact patterns fully migrated
     */
    public TrustEdit removeOidcSubjects(String providerArn, Collection<String> subjects) {
        return OidcSubjectRemoval.remove(this, OidcProvider.parse(providerArn), subjects);
    }

    /**
     * The {@code sub} values (and statements without one) through which this policy lets the provider's
     * service accounts assume the role, from every Allow statement naming the provider, including ones
     * that name other providers too. A statement listing subjects under two operators admits only the
     * subjects both admit; each listed value is reported, so that case reads wider than it is.
     */
    public List<SubjectGrant> subjectsGrantedTo(String providerArn) {
        return OidcStatements.grants(this, OidcProvider.parse(providerArn));
    }

    /**
     * Whether a service account's IRSA token (its subject, and the audience its pods' tokens carry) can assume the
     * role through the given OIDC provider, as STS would decide, and whether a statement names it outright.
     */
    public WebIdentityAccess webIdentity(String providerArn, String subject, String audience) {
        return WebIdentityAccess.of(this, OidcProvider.parse(providerArn), subject, audience);
    }

    /** How IAM would answer a call under this policy, as far as the facts tell. */
    public TrustDecision decide(CallFacts call) {
        return TrustEvaluator.decide(this, call);
    }

    /** The same document with other statements; a single object becomes a list once it holds more or fewer. */
    public TrustPolicy withStatements(List<Statement> newStatements) {
        return new TrustPolicy(version, id, newStatements, statementIsList || newStatements.size() != 1, layout);
    }

    List<String> presentKnownKeys() {
        return Stream.of(version.map(v -> VERSION), id.map(v -> ID), Optional.of(STATEMENT))
                .flatMap(Optional::stream).toList();
    }
}
