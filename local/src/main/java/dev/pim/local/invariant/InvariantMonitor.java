package dev.pim.local.invariant;

import dev.pim.local.iam.PolicyEvaluator;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.Operation;
import dev.pim.local.state.AccountState;
import dev.pim.local.state.CloudState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.RegionState;
import dev.pim.local.state.RoleState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The promises of a migration, checked by the emulator after every mutating IAM, EKS and Kubernetes call it
 * serves, against the state it had at the baseline (the fixture, or what a test arranged):
 * <ol>
 *   <li><b>credential path</b>: every workload that could get AWS credentials at the start still can: a pod it
 *   starts now gets a working path (if one started then did), and its running pods keep theirs. One exception, which rollback cannot
 *   avoid: a running pod on Pod Identity whose association was deleted keeps its cached credentials until its
 *   workload restarts, so it is <em>pending</em> while a restarted pod would work, and a violation if still
 *   pending at a {@link #check settled check};</li>
 *   <li><b>no widening</b>: no service account can get a role it could not get at the start (through its
 *   annotation, a trust statement naming it, or an association), unless the pair was {@linkplain #allow named};</li>
 *   <li><b>no loss</b>: a trust policy changes only once the registered {@link OriginalsJournal} holds its
 *   original.</li>
 * </ol>
 * A violation is recorded once, with the call after which it appeared. Thread-safe.
 */
public final class InvariantMonitor {
    private static final int MAX_VIOLATIONS = 1000;
    private static final int MEMO_LIMIT = 200_000;
    /** A service-account subject in any letter case (StringEqualsIgnoreCase may list {@code SYSTEM:...:API}). */
    private static final Pattern SUBJECT = Pattern.compile("system:serviceaccount:[^\"\\\\\\s,\\]]+", Pattern.CASE_INSENSITIVE);

    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final Map<Object, Object> memo = new HashMap<>();
    private final Map<String, Set<String>> subjectsByPolicy = new ConcurrentHashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, Set<ClusterAccess.Reach>> allowed = new HashMap<>();
    private final Set<String> rolesChecked = new HashSet<>();
    private Set<String> open = Set.of();
    private List<String> pending = List.of();
    private Map<String, ClusterAccess> baseline = Map.of();
    private Map<String, Set<ClusterAccess.Reach>> baselineReach = Map.of();
    private final Map<String, ClusterAccess> current = new HashMap<>();
    private final Map<String, Map<String, String>> associationSas = new HashMap<>();
    /** Per cluster, each add-on's status when its service accounts were last judged (add-ons settle on the clock). */
    private final Map<String, Map<String, String>> addonStatuses = new HashMap<>();
    private Map<String, String> originals = Map.of();
    private OriginalsJournal journal;
    private boolean enabled = true;
    private boolean crossChecking;
    private final List<String> drift = new ArrayList<>();
    private long calls;
    private long uncheckedTrustWrites;

    /** What the monitor has seen since the baseline. */
    public record Summary(boolean enabled, long mutatingCalls, List<Violation> violations, List<String> pending,
                          boolean journalRegistered, long uncheckedTrustWrites) {
    }

    /** Takes the state as the new starting point: what it can reach now is what must stay reachable, and no more. */
    public synchronized void rebaseline(CloudState state) {
        judgeAll(state);
        baseline = Map.copyOf(current);
        Map<String, Set<ClusterAccess.Reach>> reach = new HashMap<>();
        baseline.forEach((id, access) -> reach.put(id, access.allReach()));
        baselineReach = reach;
        Map<String, String> trust = new HashMap<>();
        state.accounts.values().forEach(a -> a.roles().forEach(r -> trust.put(r.arn(), r.trustPolicy)));
        originals = trust;
        rolesChecked.clear();
        open = Set.of();
        pending = List.of();
        calls = 0;
        uncheckedTrustWrites = 0;
    }

    /** Back to a fresh monitor on this state: no violation, no named pair, no journal. */
    public synchronized void reset(CloudState state) {
        violations.clear();
        drift.clear();
        allowed.clear();
        journal = null;
        enabled = true;
        rebaseline(state);
    }

    /** Turns the checks after each call off (a benchmark) or on again; on-demand checks still work. */
    public synchronized void enabled(boolean on) {
        this.enabled = on;
    }

    /**
     * After each call, also judges every cluster afresh and records where the judgement kept up call by call (which
     * judges again only what the call can have changed) differs from it. For tests: it makes each call cost a
     * whole judgement again. An add-on that settled on the clock between two calls (no call changed it) has its
     * cluster judged again at the next call, so it shows no drift.
     */
    public synchronized void crossCheck(boolean on) {
        this.crossChecking = on;
    }

    /** Where the call-by-call judgement differed from a fresh one, since the last {@link #reset} (with {@link #crossCheck}). */
    public synchronized List<String> incrementalDrift() {
        return List.copyOf(drift);
    }

    /** Lets a service account get a role it could not get at the start: the user asked for that pair by name. */
    public synchronized void allow(String cluster, String serviceAccount, String roleArn) {
        allowed.computeIfAbsent(cluster, k -> new HashSet<>()).add(new ClusterAccess.Reach(serviceAccount, roleArn, "named"));
    }

    /** Registers the journal that must hold every original before its trust policy changes. */
    public synchronized void journal(OriginalsJournal journal) {
        this.journal = journal;
    }

    /** Called by the server after each mutating call it served successfully, while it holds the state lock. */
    public synchronized void afterMutation(CloudState state, Operation operation, HttpRequest request) {
        if (!enabled) {
            return;
        }
        Violation.Call call = new Violation.Call(++calls, operation.key(), target(operation, request));
        if (operation.service().equals("iam")) {
            checkOriginals(state, call);
        }
        Map<String, ClusterState> clusters = clusters(state);
        CallScope scope = CallScope.of(operation.service(), request, clusters, associationSas);
        CredentialJudge judge = judge(state);
        clusters.forEach((id, cluster) -> {
            ClusterAccess previous = current.get(id);
            Map<String, String> addons = addonStatuses(cluster, state.now());
            // An add-on that moved on with the clock (the agent became ACTIVE) changes every judgement that used it.
            boolean settled = !addons.equals(addonStatuses.get(id));
            if (scope.covers(id) || settled) {
                ClusterAccess next;
                if (previous == null || settled || scope.wholeCluster()) {
                    next = ClusterAccess.of(judge, cluster, this::subjectsIn);
                } else if (!scope.roleNames().isEmpty()) {
                    next = previous.afterRoleChange(judge, cluster, scope.roleNames(), this::subjectsIn);
                } else {
                    next = previous.updated(judge, cluster, scope.serviceAccounts());
                }
                current.put(id, next);
                associationSas.put(id, associationIndex(cluster));
                addonStatuses.put(id, addons);
            }
        });
        if (crossChecking) {
            crossCheck(judge, clusters, call);
        }
        Evaluation now = evaluate(clusters, call, false);
        Set<String> stillOpen = new HashSet<>();
        for (Violation v : now.violations()) {
            stillOpen.add(v.key());
            if (!open.contains(v.key())) {
                record(v);
            }
        }
        open = stillOpen;
        pending = now.pending();
    }

    /**
     * Evaluates every invariant now, as at the end of a command: a pod still waiting for its restart counts as
     * a violation. Returns the violations found now (not recorded).
     */
    public synchronized List<Violation> check(CloudState state) {
        judgeAll(state);
        return evaluate(clusters(state), null, true).violations();
    }

    /** Every violation recorded since the last {@link #reset}, oldest first. */
    public synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    public synchronized void clearViolations() {
        violations.clear();
        open = Set.of();
    }

    public synchronized Summary summary() {
        return new Summary(enabled, calls, List.copyOf(violations), pending, journal != null, uncheckedTrustWrites);
    }

    private void record(Violation v) {
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(v);
        }
    }

    private record Evaluation(List<Violation> violations, List<String> pending) {
    }

    private void crossCheck(CredentialJudge judge, Map<String, ClusterState> clusters, Violation.Call call) {
        clusters.forEach((id, cluster) -> {
            ClusterAccess kept = current.get(id);
            ClusterAccess fresh = ClusterAccess.of(judge, cluster, this::subjectsIn);
            if (kept != null && (!kept.reach().equals(fresh.reach()) || !kept.workloads().equals(fresh.workloads()))) {
                drift.add(id + " after call " + call
                        + ": kept " + kept.reach() + " / " + kept.workloads() + ", afresh " + fresh.reach() + " / " + fresh.workloads());
            }
        });
    }

    /** Judges every cluster afresh (the baseline, a settled check). */
    private void judgeAll(CloudState state) {
        if (memo.size() > MEMO_LIMIT) {
            memo.clear();
        }
        if (subjectsByPolicy.size() > MEMO_LIMIT) {
            subjectsByPolicy.clear();
        }
        CredentialJudge judge = judge(state);
        current.clear();
        associationSas.clear();
        addonStatuses.clear();
        clusters(state).forEach((id, cluster) -> {
            addonStatuses.put(id, addonStatuses(cluster, state.now()));
            current.put(id, ClusterAccess.of(judge, cluster, this::subjectsIn));
            associationSas.put(id, associationIndex(cluster));
        });
    }

    /** The violations of the state as last judged: against the baseline, cluster by cluster. */
    private Evaluation evaluate(Map<String, ClusterState> clusters, Violation.Call call, boolean settled) {
        List<Violation> out = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        clusters.forEach((id, cluster) -> {
            ClusterAccess before = baseline.get(id);
            ClusterAccess now = current.get(id);
            if (before == null || now == null) {
                return;
            }
            credentialPaths(id, cluster, before, now, call, settled, out, waiting);
            Set<ClusterAccess.Reach> permitted = allowed.getOrDefault(id, Set.of());
            Set<ClusterAccess.Reach> startedWith = baselineReach.getOrDefault(id, Set.of());
            now.reach().values().forEach(pairs -> pairs.forEach(r -> {
                if (!startedWith.contains(r) && !permitted.contains(r)) {
                    out.add(new Violation(Violation.Invariant.NO_WIDENING, id, r.serviceAccount(), "can now get role "
                            + r.roleArn() + " through " + r.how() + ", which it could not at the start", call));
                }
            }));
        });
        return new Evaluation(out, waiting);
    }

    /** Each add-on's status as a read now would see it. */
    private static Map<String, String> addonStatuses(ClusterState cluster, Instant now) {
        Map<String, String> out = new HashMap<>();
        cluster.addons.values().forEach(a -> out.put(a.name, String.valueOf(a.statusAt(now))));
        return out;
    }

    private static Map<String, String> associationIndex(ClusterState cluster) {
        Map<String, String> out = new HashMap<>();
        cluster.associations.values().forEach(a -> out.put(a.id, a.namespace + "/" + a.serviceAccount));
        return out;
    }

    /** The call, as a violation names it: the role for IAM, the method and path otherwise. */
    private static String target(Operation operation, HttpRequest request) {
        if (operation.service().equals("iam")) {
            List<String> role = request.form().get("RoleName");
            return role == null ? "" : "RoleName=" + role.get(0);
        }
        return request.method() + " " + request.rawPath();
    }

    private static void credentialPaths(String id, ClusterState cluster, ClusterAccess before, ClusterAccess now,
                                        Violation.Call call, boolean settled, List<Violation> out, List<String> waiting) {
        before.workloads().forEach((key, start) -> {
            ClusterAccess.WorkloadAccess current = now.workloads().get(key);
            if (!start.hasAccess() || current == null) {
                return;
            }
            Optional<CredentialJudge.Path> next = current.newPod();
            // A new pod must work if one did at the start (a path that never worked is not one the migration lost).
            boolean newPodWorked = start.newPod().map(CredentialJudge.Path::works).orElse(true);
            if (next.isPresent() && !next.get().works() && newPodWorked) {
                out.add(new Violation(Violation.Invariant.CREDENTIAL_PATH, id, key, "a pod it starts now gets "
                        + next.get().describe() + ", which does not work: " + next.get().problem().orElse(""), call));
            }
            boolean restartHelps = next.map(CredentialJudge.Path::works).orElse(false);
            current.pods().forEach((pod, path) -> {
                CredentialJudge.Path then = start.pods().get(pod);
                if (path.works() || then != null && !then.works()) {
                    return;
                }
                String[] sa = current.serviceAccount().split("/", 2);
                boolean awaitingRestart = path.kind() == CredentialJudge.Path.Kind.POD_IDENTITY && restartHelps
                        && CredentialJudge.association(cluster, sa[0], sa[1]).isEmpty();
                if (awaitingRestart && !settled) {
                    waiting.add(id + " " + key + " pod " + pod);
                    return;
                }
                out.add(new Violation(Violation.Invariant.CREDENTIAL_PATH, id, key + " pod " + pod, "runs with "
                        + path.describe() + ", which does not work: " + path.problem().orElse("")
                        + (awaitingRestart ? " (a restart would give it a working path, but none came)" : ""), call));
            });
        });
    }

    /** The first write to each role since the baseline must find its original in the journal. */
    private void checkOriginals(CloudState state, Violation.Call call) {
        for (AccountState account : state.accounts.values()) {
            for (RoleState role : account.roles()) {
                String original = originals.get(role.arn());
                if (original == null || Objects.equals(original, role.trustPolicy) || !rolesChecked.add(role.arn())) {
                    continue;
                }
                if (journal == null) {
                    uncheckedTrustWrites++;
                } else if (!journal.holdsOriginal(role.arn(), original)) {
                    record(new Violation(Violation.Invariant.NO_LOSS, account.id, role.arn(),
                            "its trust policy changed before the journal held its original", call));
                }
            }
        }
    }

    private CredentialJudge judge(CloudState state) {
        return new CredentialJudge(state, evaluator, memo);
    }

    /**
     * The service-account subjects a trust policy's text names (a superset of those it names as subjects), in lower
     * case as Kubernetes names are: a value written in another case may still name one (StringEqualsIgnoreCase), and
     * the judge, not this index, decides whether it does.
     */
    private Set<String> subjectsIn(String policy) {
        if (policy == null) {
            return Set.of();
        }
        return subjectsByPolicy.computeIfAbsent(policy, p -> {
            Set<String> out = new LinkedHashSet<>();
            Matcher m = SUBJECT.matcher(p);
            while (m.find()) {
                out.add(m.group().toLowerCase(Locale.ROOT));
            }
            return out;
        });
    }

    private static Map<String, ClusterState> clusters(CloudState state) {
        Map<String, ClusterState> out = new LinkedHashMap<>();
        for (AccountState account : state.accounts.values()) {
            for (RegionState region : account.regions.values()) {
                region.clusters.values().forEach(c -> out.put(account.id + "/" + region.name + "/" + c.name, c));
            }
        }
        return out;
    }
}
