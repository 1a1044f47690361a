package dev.pim.migration.trust;

/**
 * Whether a service account's IRSA token can assume a role, and how.
 *
 * @param named whether a statement that allows it names the service account's subject outright (not through a
 *              pattern, nor a statement with no {@code sub} condition, which let in every service account)
 */
public record WebIdentityAccess(TrustDecision decision, boolean named) {

    static WebIdentityAccess of(TrustPolicy policy, OidcProvider provider, String subject, String audience) {
        TrustDecision decision = TrustEvaluator.decide(policy, CallFacts.webIdentity(provider, subject, audience));
        boolean named = decision.allowing().stream().anyMatch(i -> names(policy.statements().get(i), provider, subject));
        return new WebIdentityAccess(decision, named);
    }

    public boolean allowed() {
        return decision.allowed();
    }

    /** Allowed through a statement that lets in more service accounts than this one. */
    public boolean allowedWidely() {
        return decision.allowed() && !named;
    }

    private static boolean names(Statement statement, OidcProvider provider, String subject) {
        return OidcStatements.subjectEntries(statement, provider).stream().anyMatch(keyed -> keyed.entry().values().texts()
                .stream().anyMatch(listed -> !(keyed.operator().isLike() && Wildcards.hasWildcard(listed))
                        && keyed.operator().sameValue(listed, subject)));
    }
}
