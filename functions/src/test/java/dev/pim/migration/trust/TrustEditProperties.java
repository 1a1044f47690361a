package dev.pim.migration.trust;

import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trust edits over generated policies: they do what they say and nothing else. */
class TrustEditProperties {

    @Property(tries = 500)
    void addingThePodIdentityStatementIsIdempotentAndKeepsEveryOtherStatement(
            @ForAll @From(supplier = PoliciesSupplier.class) String json) {
        TrustPolicy before = TrustPolicy.parse("arn:aws:iam::111122223333:role/r", json);
        TrustEdit once = before.ensurePodIdentity();
        TrustEdit twice = once.policy().ensurePodIdentity();

        assertThat(twice.changed()).as("a second edit of " + once.policy().render()).isFalse();
        List<String> kept = once.policy().statements().stream().map(TrustEditProperties::render).toList();
        assertThat(kept).as("the statements after the edit").containsSubsequence(
                before.statements().stream().map(TrustEditProperties::render).toList());
        assertThat(once.policy().statements().size() - before.statements().size()).isBetween(0, 1);
    }

    @Property(tries = 500)
    void removingThisClustersSubjectsNeverLetsAnyoneMoreInNorTouchesAnotherProvider(
            @ForAll @From(supplier = PoliciesSupplier.class) String json,
            @ForAll @From(supplier = SubjectsSupplier.class) List<String> removed) {
        TrustPolicy before = TrustPolicy.parse("arn:aws:iam::111122223333:role/r", json);
        TrustEdit edit = before.removeOidcSubjects(GeneratedPolicies.PROVIDER, removed);
        TrustPolicy after = edit.policy();
        if (edit.refused()) {
            // Refused (it would leave no statement, say): nothing may have changed.
            assertThat(after.render()).isEqualTo(before.render());
        }

        for (String subject : GeneratedPolicies.SUBJECTS) {
            for (String audience : List.of("sts.amazonaws.com", "vault")) {
                boolean allowedAfter = after.webIdentity(GeneratedPolicies.PROVIDER, subject, audience).allowed();
                boolean allowedBefore = before.webIdentity(GeneratedPolicies.PROVIDER, subject, audience).decision().outcome()
                        != TrustDecision.Outcome.NOT_ALLOWED && before.webIdentity(GeneratedPolicies.PROVIDER, subject, audience)
                        .decision().outcome() != TrustDecision.Outcome.DENIED;
                assertThat(!allowedAfter || allowedBefore).as(subject + " (" + audience + ") after removing " + removed
                        + ": " + after.render()).isTrue();
                if (removed.contains(subject) && !edit.refused()) {
                    assertThat(after.webIdentity(GeneratedPolicies.PROVIDER, subject, audience).named())
                            .as(subject + " is still named after its removal: " + after.render()).isFalse();
                }
            }
        }
        List<String> otherBefore = before.statements().stream().filter(s -> !names(s, GeneratedPolicies.PROVIDER))
                .map(TrustEditProperties::render).toList();
        List<String> otherAfter = after.statements().stream().filter(s -> !names(s, GeneratedPolicies.PROVIDER))
                .map(TrustEditProperties::render).toList();
        assertThat(otherAfter).as("statements that do not name this cluster's provider").isEqualTo(otherBefore);
    }

    private static boolean names(Statement statement, String provider) {
        return statement.principalValues("Federated").contains(provider);
    }

    private static String render(Statement s) {
        return new TrustPolicy(java.util.Optional.empty(), java.util.Optional.empty(), List.of(s), true,
                ObjectLayout.of(TrustPolicy.STATEMENT)).render();
    }

    static final class PoliciesSupplier implements net.jqwik.api.ArbitrarySupplier<String> {
        @Override
        public net.jqwik.api.Arbitrary<String> get() {
            return GeneratedPolicies.policies();
        }
    }

    static final class SubjectsSupplier implements net.jqwik.api.ArbitrarySupplier<List<String>> {
        @Override
        public net.jqwik.api.Arbitrary<List<String>> get() {
            return GeneratedPolicies.subjectsToRemove();
        }
    }
}
