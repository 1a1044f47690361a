package dev.pim.migration.trust;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Edit (b): take migrated service accounts out of one cluster's IRSA trust. Unlike eksctl, which drops
 * every statement whose single Federated value contains "oidc-provider", this touches only statements of
 * exactly this provider, and within them only the migrated {@code sub} values.
 */
final class OidcSubjectRemoval {
    private final TrustPolicy policy;
    private final OidcProvider provider;
    private final Set<String> subjects;
    private final Set<String> removed = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();

    private OidcSubjectRemoval(TrustPolicy policy, OidcProvider provider, Collection<String> subjects) {
        this.policy = policy;
        this.provider = provider;
        this.subjects = new LinkedHashSet<>(subjects);
    }

    static TrustEdit remove(TrustPolicy policy, OidcProvider provider, Collection<String> subjects) {
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("no subjects to remove from the trust of " + provider.arn());
        }
        return new OidcSubjectRemoval(policy, provider, subjects).run();
    }

    private TrustEdit run() {
        List<Statement> kept = new ArrayList<>();
        boolean namesProvider = false;
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement statement = policy.statements().get(i);
            if (!OidcStatements.namesProvider(statement, provider)) {
                kept.add(statement);
                continue;
            }
            namesProvider = true;
            edit(Statement.label(i, statement), statement).ifPresent(kept::add);
        }
        if (!namesProvider) {
            notes.add("no statement trusts " + provider.arn() + "; nothing to remove");
        }
        subjects.stream().filter(subject -> !removed.contains(subject)).forEach(subject -> notes.add(
                subject + " was not removed: no editable statement for this provider lists it"));
        if (kept.isEmpty() && !policy.statements().isEmpty()) {
            // Every statement would go, so the notes only describe removals that are not made.
            return TrustEdit.refused(policy, "removing " + String.join(", ", removed) + " would remove every "
                    + "statement, leaving a trust policy IAM rejects; add the Pod Identity statement first", List.of());
        }
        return TrustEdit.of(policy, policy.withStatements(kept), notes);
    }

    /** The statement as it stays, or empty when nothing of it is left to grant. */
    private Optional<Statement> edit(String label, Statement statement) {
        Optional<String> untouchable = whyUntouchable(statement);
        if (untouchable.isPresent()) {
            notes.add(label + " " + untouchable.get() + "; left untouched");
            return Optional.of(statement);
        }
        Condition condition = statement.condition().orElseThrow();
        List<String> removedHere = new ArrayList<>();
        boolean emptied = false;
        for (Condition.KeyedEntry keyed : OidcStatements.subjectEntries(statement, provider)) {
            PolicyValues remaining = keyed.entry().values().without(item -> isMigrated(keyed.operator(), item.text()));
            keyed.entry().values().texts().stream().filter(value -> !remaining.texts().contains(value))
                    .forEach(removedHere::add);
            emptied |= remaining.isEmpty();
            condition = condition.withValues(keyed, remaining);
        }
        if (removedHere.isEmpty()) {
            noteWildcardsStillAdmitting(label, statement);
            return Optional.of(statement);
        }
        removed.addAll(matchingSubjects(removedHere));
        if (emptied) {
            // Condition blocks and keys are ANDed: an emptied list can admit no one, while dropping only
            // the key would widen the statement. So the statement goes as a whole.
            notes.add("removed " + label + ": all its subjects are migrated (" + String.join(", ", removedHere) + ")");
            return Optional.empty();
        }
        Statement narrowed = statement.withCondition(condition);
        notes.add(label + ": removed " + String.join(", ", removedHere) + "; kept "
                + String.join(", ", remainingSubjects(narrowed)));
        noteWildcardsStillAdmitting(label, narrowed);
        return Optional.of(narrowed);
    }

    private Optional<String> whyUntouchable(Statement statement) {
        List<String> federated = statement.principalValues(OidcStatements.FEDERATED);
        if (federated.size() > 1) {
            return Optional.of("trusts several identity providers (" + String.join(", ", federated) + ")");
        }
        List<String> types = statement.principal().map(p -> ((Principal.Typed) p).types()).orElse(List.of());
        if (!types.equals(List.of(OidcStatements.FEDERATED))) {
            return Optional.of("also trusts other principal types (" + String.join(", ", types) + ")");
        }
        if (!statement.isAllow()) {
            return Optional.of("is not an Allow statement");
        }
        if (statement.isNegated() || !statement.namesAction(OidcStatements.WEB_IDENTITY)) {
            return Optional.of("does not allow " + OidcStatements.WEB_IDENTITY);
        }
        if (OidcStatements.subjectEntries(statement, provider).isEmpty()) {
            return Optional.of("has no " + provider.subjectKey()
                    + " condition listing subjects, so it trusts every service account of the cluster");
        }
        return Optional.empty();
    }

    private boolean isMigrated(ConditionOperator operator, String listed) {
        return subjects.stream().anyMatch(subject -> operator.sameValue(listed, subject));
    }

    /** The caller's subjects as they were given, for values an IgnoreCase operator wrote differently. */
    private List<String> matchingSubjects(List<String> values) {
        return subjects.stream().filter(subject -> values.stream().anyMatch(subject::equalsIgnoreCase)).toList();
    }

    /** A pattern left in place still admits a migrated service account: worth saying, since IRSA remains. */
    private void noteWildcardsStillAdmitting(String label, Statement statement) {
        for (Condition.KeyedEntry keyed : OidcStatements.subjectEntries(statement, provider)) {
            ConditionOperator operator = keyed.operator();
            keyed.entry().values().texts().stream()
                    .filter(value -> operator.isLike() && Wildcards.hasWildcard(value) && !isMigrated(operator, value))
                    .forEach(pattern -> subjects.stream()
                            .filter(subject -> !Wildcards.hasWildcard(subject) && operator.admits(pattern, subject))
                            .forEach(subject -> notes.add(label + " still admits " + subject + " through "
                                    + operator.name() + " pattern " + pattern + "; the pattern was not listed as migrated")));
        }
    }

    private List<String> remainingSubjects(Statement statement) {
        return OidcStatements.subjectEntries(statement, provider).stream()
                .flatMap(keyed -> keyed.entry().values().texts().stream()).toList();
    }
}
