package dev.pim.migration.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Edit (a) with a scope: make sure the role trusts EKS Pod Identity for exactly the given service accounts (or their
 * clusters), through {@code StringEquals} conditions on the session tags EKS sets ({@code aws:RequestTag/eks-cluster-arn},
 * {@code kubernetes-namespace}, {@code kubernetes-service-account}), as AWS documents for Pod Identity roles.
 * <ul>
 * <li>A subject the policy already admits (however: an unconditioned statement, a scoped one, a hand-written one)
 * needs nothing; an unconditioned statement is never narrowed here, since associations this run does not know of may
 * rely on it.</li>
 * <li>Otherwise the subjects' values join the lists of the statement of the same shape (one statement per role, values
 * sorted, no duplicates): a second cluster or service account extends it instead of adding a second statement.</li>
 * </ul>
 */
final class ScopedPodIdentityTrust {
    private final TrustPolicy policy;
    private final PodIdentityScope scope;
    private final List<String> notes = new ArrayList<>();

    ScopedPodIdentityTrust(TrustPolicy policy, PodIdentityScope scope) {
        this.policy = policy;
        this.scope = scope;
    }

    TrustEdit ensure() {
        notes.addAll(PodIdentityTrust.oddities(policy));
        List<PodIdentityScope.Subject> missing = scope.subjects().stream().filter(s -> !admits(policy, s)).toList();
        if (missing.isEmpty()) {
            notes.add(0, alreadyAdmitted());
            return TrustEdit.of(policy, policy, notes);
        }
        Optional<Integer> sameShape = sameShape();
        List<Statement> statements = new ArrayList<>(policy.statements());
        Statement written;
        if (sameShape.isPresent()) {
            Statement existing = statements.get(sameShape.get());
            written = existing.withCondition(condition(existing.condition()));
            statements.set(sameShape.get(), written);
            notes.add(0, "added " + describe(missing) + " to the conditions of " + Statement.label(sameShape.get(), existing)
                    + " (" + conditionText(written) + ")");
        } else {
            String sid = PodIdentityTrust.freeSid(policy, notes);
            written = PodIdentityTrust.statement(sid).withCondition(condition(Optional.empty()));
            statements.add(written);
            notes.add(0, "added statement " + sid + " (" + PodIdentityTrust.SERVICE + ": " + PodIdentityTrust.ASSUME_ROLE
                    + ", " + PodIdentityTrust.TAG_SESSION + " when " + conditionText(written) + ")");
        }
        TrustPolicy edited = policy.withStatements(statements);
        notes.set(0, notes.get(0) + "; the policy grows from " + policy.size() + " to " + edited.size() + " characters");
        noteCombinations(written);
        return TrustEdit.of(policy, edited, notes);
    }

    /** Whether EKS's call for the subject's pods is surely allowed, for both actions (the pod itself unknown). */
    static boolean admits(TrustPolicy policy, PodIdentityScope.Subject subject) {
        return List.of(PodIdentityTrust.ASSUME_ROLE, PodIdentityTrust.TAG_SESSION).stream().allMatch(action ->
                TrustEvaluator.decide(policy, CallFacts.podIdentity(action, subject.clusterArn(),
                        Optional.of(subject.namespace()), Optional.of(subject.serviceAccount()))).allowed());
    }

    private String alreadyAdmitted() {
        List<Integer> unconditioned = new ArrayList<>();
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement statement = policy.statements().get(i);
            if (PodIdentityTrust.isEquivalent(statement) && statement.condition().isEmpty()) {
                unconditioned.add(i);
            }
        }
        if (!unconditioned.isEmpty()) {
            int first = unconditioned.get(0);
            return Statement.label(first, policy.statements().get(first)) + " already trusts " + PodIdentityTrust.SERVICE
                    + " with no Condition: every association of the account may use the role, wider than --trust-scope "
                    + scope.level().label() + "; left as is (associations this run does not know of may rely on it: "
                    + "narrow it by hand)";
        }
        return PodIdentityTrust.SERVICE + " is already trusted for " + describe(scope.subjects()) + "; nothing added";
    }

    /** The first Allow statement for Pod Identity whose only condition is StringEquals on exactly this scope's keys. */
    private Optional<Integer> sameShape() {
        Set<String> wanted = lower(scope.level().conditionKeys());
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement statement = policy.statements().get(i);
            if (!PodIdentityTrust.isEquivalent(statement) || statement.condition().isEmpty() || !onlyPods(statement)) {
                continue;
            }
            List<Condition.Block> blocks = statement.condition().get().blocks();
            if (blocks.size() == 1 && blocks.get(0).operator().equals("StringEquals")
                    && lower(blocks.get(0).entries().stream().map(Condition.Entry::key).toList()).equals(wanted)
                    && blocks.get(0).entries().size() == wanted.size()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static boolean onlyPods(Statement statement) {
        return statement.principal().orElse(null) instanceof Principal.Typed typed && typed.entries().size() == 1
                && typed.entries().get(0).type().equals("Service")
                && typed.entries().get(0).values().texts().equals(List.of(PodIdentityTrust.SERVICE));
    }

    /** The scope's condition, its values merged with those of the existing one: sorted, each once. */
    private Condition condition(Optional<Condition> existing) {
        List<Condition.Entry> entries = new ArrayList<>();
        for (String key : scope.level().conditionKeys()) {
            TreeSet<String> values = new TreeSet<>();
            existing.ifPresent(c -> c.entriesFor(key).forEach(e -> values.addAll(e.entry().values().texts())));
            scope.subjects().forEach(s -> values.add(s.tag(key)));
            entries.add(new Condition.Entry(key, PolicyValues.list(values.toArray(String[]::new))));
        }
        return new Condition(List.of(new Condition.Block("StringEquals", entries)));
    }

    /**
     * IAM ANDs the keys and ORs each key's values, so lists of several namespaces and service accounts admit every
     * combination of them: said, so that the plan's reader sees the reach.
     */
    private void noteCombinations(Statement written) {
        Condition condition = written.condition().orElseThrow();
        List<Integer> sizes = scope.level().conditionKeys().stream()
                .map(key -> condition.entriesFor(key).get(0).entry().values().texts().size()).toList();
        long combinations = sizes.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
        long listed = sizes.stream().mapToLong(Integer::longValue).max().orElse(1);
        if (combinations > listed) {
            notes.add("the statement's lists admit every combination of their values (" + sizes.stream()
                    .map(String::valueOf).collect(Collectors.joining(" x ")) + " = " + combinations
                    + "), not only the service accounts they were made for: IAM ANDs the keys and ORs each key's values");
        }
    }

    private static String conditionText(Statement statement) {
        return statement.condition().orElseThrow().blocks().stream().flatMap(block -> block.entries().stream()
                .map(entry -> block.operator() + " " + entry.key() + " " + entry.values().texts()))
                .collect(Collectors.joining(", "));
    }

    private String describe(List<PodIdentityScope.Subject> subjects) {
        if (scope.level() == TrustScope.CLUSTER) {
            return "cluster(s) " + subjects.stream().map(PodIdentityScope.Subject::clusterArn).distinct()
                    .collect(Collectors.joining(", "));
        }
        return subjects.stream().map(PodIdentityScope.Subject::toString).collect(Collectors.joining(", "));
    }

    private static Set<String> lower(List<String> keys) {
        return keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
