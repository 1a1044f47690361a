package dev.pim.migration.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How IRSA statements are recognised: shared by the read side (grants) and the removal edit. */
final class OidcStatements {
    static final String WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
    static final String FEDERATED = "Federated";

    private OidcStatements() {
    }

    /** Whether the statement's Federated principal names the provider (alone or among others). */
    static boolean namesProvider(Statement statement, OidcProvider provider) {
        return statement.principalValues(FEDERATED).contains(provider.arn());
    }

    /** An Allow for web identity from the provider: the statements through which IRSA works. */
    static boolean grantsWebIdentity(Statement statement, OidcProvider provider) {
        return statement.isAllow() && !statement.isNegated() && namesProvider(statement, provider)
                && statement.namesAction(WEB_IDENTITY);
    }

    /** The entries that list the subjects the statement admits (never negated operators). */
    static List<Condition.KeyedEntry> subjectEntries(Statement statement, OidcProvider provider) {
        return statement.condition().map(condition -> condition.entriesFor(provider.subjectKey()).stream()
                .filter(keyed -> keyed.operator().admitsListedValues()).toList()).orElse(List.of());
    }

    static List<SubjectGrant> grants(TrustPolicy policy, OidcProvider provider) {
        List<SubjectGrant> grants = new ArrayList<>();
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement statement = policy.statements().get(i);
            if (!grantsWebIdentity(statement, provider)) {
                continue;
            }
            String label = Statement.label(i, statement);
            List<Condition.KeyedEntry> entries = subjectEntries(statement, provider);
            if (entries.isEmpty()) {
                grants.add(SubjectGrant.unrestricted(label));
            }
            entries.forEach(keyed -> keyed.entry().values().texts().forEach(subject -> grants.add(
                    new SubjectGrant(label, Optional.of(keyed.operator().name()), subject))));
        }
        return grants;
    }
}
