package dev.pim.migration.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Edit (a): make sure the role trusts EKS Pod Identity. eksctl appends its statement on every run; here an
 * equivalent statement in any shape counts as present, so re-runs never add duplicates.
 */
final class PodIdentityTrust {
    static final String SERVICE = "pods.eks.amazonaws.com";
    static final String SID = "AllowEksAuthToAssumeRoleForPodIdentity";
    static final String ASSUME_ROLE = "sts:AssumeRole";
    static final String TAG_SESSION = "sts:TagSession";

    private final TrustPolicy policy;
    private final List<String> notes = new ArrayList<>();

    private PodIdentityTrust(TrustPolicy policy) {
        this.policy = policy;
    }

    static TrustEdit ensure(TrustPolicy policy) {
        return new PodIdentityTrust(policy).ensure();
    }

    /** The scoped form: see {@link ScopedPodIdentityTrust}; an account scope is the documented statement. */
    static TrustEdit ensure(TrustPolicy policy, PodIdentityScope scope) {
        return scope.unconditioned() ? ensure(policy) : new ScopedPodIdentityTrust(policy, scope).ensure();
    }

    /** The documented statement (semantics doc §3.1), with the given Sid. */
    static Statement statement(String sid) {
        Principal service = new Principal.Typed(List.of(new Principal.Entry("Service", PolicyValues.single(SERVICE))));
        return new Statement(Optional.of(sid), Optional.of("Allow"), Optional.of(service), Optional.empty(),
                Optional.of(PolicyValues.list(ASSUME_ROLE, TAG_SESSION)), Optional.empty(), Optional.empty(),
                ObjectLayout.of(Statement.SID, Statement.EFFECT, Statement.PRINCIPAL, Statement.ACTION));
    }

    private TrustEdit ensure() {
        List<Integer> unconditional = new ArrayList<>();
        List<Integer> conditional = new ArrayList<>();
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement statement = policy.statements().get(i);
            noteOddities(i, statement);
            if (isEquivalent(statement)) {
                (statement.condition().isPresent() ? conditional : unconditional).add(i);
            }
        }
        if (!unconditional.isEmpty()) {
            notes.add(0, SERVICE + " is already trusted for " + ASSUME_ROLE + " and " + TAG_SESSION + " by "
                    + labels(unconditional) + "; nothing added");
            return TrustEdit.of(policy, policy, notes);
        }
        if (!conditional.isEmpty()) {
            conditional.forEach(this::noteConditions);
            return TrustEdit.of(policy, policy, notes);
        }
        return add();
    }

    private TrustEdit add() {
        String sid = freeSid();
        List<Statement> statements = new ArrayList<>(policy.statements());
        statements.add(statement(sid));
        TrustPolicy edited = policy.withStatements(statements);
        notes.add("added statement " + sid + " (" + SERVICE + ": " + ASSUME_ROLE + ", " + TAG_SESSION
                + "); the policy grows from " + policy.size() + " to " + edited.size() + " characters");
        return TrustEdit.of(policy, edited, notes);
    }

    /** An Allow from pods.eks.amazonaws.com covering both actions, however it is written. */
    static boolean isEquivalent(Statement statement) {
        return statement.isAllow() && !statement.isNegated() && namesPods(statement)
                && statement.namesAction(ASSUME_ROLE) && statement.namesAction(TAG_SESSION);
    }

    private static boolean namesPods(Statement statement) {
        return statement.principalValues("Service").contains(SERVICE);
    }

    /** A wildcard principal reaches pods.eks too, but it is never taken for the Pod Identity statement. */
    private static boolean namesEveryone(Statement statement) {
        return statement.principal().map(p -> p.isEveryone() || p instanceof Principal.Typed typed
                && typed.entries().stream().anyMatch(e -> e.values().texts().contains(Principal.EVERYONE)))
                .orElse(false);
    }

    /** What {@link #ensure(TrustPolicy)} notes of statements that are not quite the Pod Identity statement. */
    static List<String> oddities(TrustPolicy policy) {
        PodIdentityTrust reader = new PodIdentityTrust(policy);
        for (int i = 0; i < policy.statements().size(); i++) {
            reader.noteOddities(i, policy.statements().get(i));
        }
        return reader.notes;
    }

    private void noteOddities(int index, Statement statement) {
        String label = Statement.label(index, statement);
        boolean assume = statement.namesAction(ASSUME_ROLE);
        boolean tag = statement.namesAction(TAG_SESSION);
        Optional<Denial> denial = statement.isDeny() ? deniesPods(statement) : Optional.empty();
        if (denial.isPresent()) {
            notes.add(label + " denies " + SERVICE + " " + denial.get().action() + (denial.get().certain()
                    ? "; Pod Identity cannot use this role while it stands (left unchanged)"
                    : " under its Condition (" + statement.condition().map(Condition::summary).orElse("")
                    + "), which may match EKS's call; check it (left unchanged)"));
        } else if (statement.isDeny()) {
            return;
        } else if (!statement.isAllow() || !namesPods(statement) && !namesEveryone(statement)) {
            return;
        } else if (statement.notAction().isPresent()) {
            notes.add(label + " trusts " + SERVICE + " through NotAction; it is not counted as the Pod Identity statement");
        } else if (namesPods(statement) && assume != tag) {
            notes.add(label + " trusts " + SERVICE + " for " + (assume ? ASSUME_ROLE : TAG_SESSION) + " but not "
                    + (assume ? TAG_SESSION : ASSUME_ROLE) + ", which Pod Identity requires; it is kept as it is");
        } else if (!namesPods(statement) && assume) {
            notes.add(label + " trusts every principal (\"*\"); it is not counted as the Pod Identity statement");
        }
    }

    /** A Deny that reaches EKS's call for one of the two actions: surely, or only if its condition matches. */
    private record Denial(String action, boolean certain) {
    }

    /**
     * The action a Deny statement takes from pods.eks.amazonaws.com, judged as IAM would for EKS's call: a
     * condition that call can never meet ({@code aws:SecureTransport} false) means it never applies.
     */
    private static Optional<Denial> deniesPods(Statement statement) {
        for (String action : List.of(ASSUME_ROLE, TAG_SESSION)) {
            Truth applies = TrustEvaluator.applies(statement, CallFacts.podIdentityOnAnyCluster(action));
            if (applies != Truth.FALSE) {
                return Optional.of(new Denial(action, applies == Truth.TRUE));
            }
        }
        return Optional.empty();
    }

    private void noteConditions(int index) {
        Statement statement = policy.statements().get(index);
        notes.add(Statement.label(index, statement) + " already trusts " + SERVICE + " for " + ASSUME_ROLE + " and "
                + TAG_SESSION + ", but only under its Condition (" + statement.condition().orElseThrow().summary()
                + "), which may not admit every service account; nothing added");
    }

    /** The documented Sid, or the first numbered variant no other statement uses (Sids must be unique). */
    static String freeSid(TrustPolicy policy, List<String> notes) {
        PodIdentityTrust reader = new PodIdentityTrust(policy);
        String sid = reader.freeSid();
        notes.addAll(reader.notes);
        return sid;
    }

    private String freeSid() {
        List<String> taken = policy.statements().stream().flatMap(s -> s.sid().stream()).toList();
        String sid = IntStream.iterate(1, n -> n + 1).mapToObj(n -> n == 1 ? SID : SID + n)
                .filter(candidate -> taken.stream().noneMatch(candidate::equalsIgnoreCase))
                .findFirst().orElseThrow();
        if (!sid.equals(SID)) {
            int holder = IntStream.range(0, policy.statements().size())
                    .filter(i -> policy.statements().get(i).sid().filter(SID::equalsIgnoreCase).isPresent())
                    .findFirst().orElseThrow();
            notes.add("Sid " + SID + " is taken by " + Statement.label(holder, policy.statements().get(holder))
                    + ", which is not the Pod Identity statement; the added statement uses Sid " + sid);
        }
        return sid;
    }

    private String labels(List<Integer> indexes) {
        List<String> labels = indexes.stream().map(i -> Statement.label(i, policy.statements().get(i))).toList();
        return String.join(", ", labels) + (labels.size() > 1 ? " (duplicates, left in place)" : "");
    }
}
