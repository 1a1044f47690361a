package dev.pim.migration.apply;

import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.discovery.AssociationReader;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.PodInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.RolePlan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The Kubernetes side: rollout restarts (new pods are admitted with the Pod Identity environment), and the
 * removal of the IRSA annotation once a service account's association exists and its pods have moved.
 */
public final class WorkloadSteps {
    private final StepContext ctx;
    private final int parallelism;
    private final Map<String, AssociationInfo> knownAssociations;

    public WorkloadSteps(StepContext ctx) {
        this(ctx, 1, new ConcurrentHashMap<>());
    }

    /**
     * @param parallelism       how many association describes may be in flight at once
     * @param knownAssociations associations by id this run described or created (a concurrent map): not described again
     */
    public WorkloadSteps(StepContext ctx, int parallelism, Map<String, AssociationInfo> knownAssociations) {
        this.ctx = ctx;
        this.parallelism = parallelism;
        this.knownAssociations = knownAssociations;
    }

    /** The workloads to restart: those of the bindings that now have their association. */
    public Set<WorkloadRef> workloadsToRestart(List<Binding> bindings) {
        Map<ServiceAccountRef, AssociationInfo> associations = associations();
        Set<WorkloadRef> out = new TreeSet<>();
        for (Binding b : bindings) {
            if (b.onPodIdentity() && associations.containsKey(b.serviceAccount())) {
                out.addAll(b.workloads());
            }
        }
        return out;
    }

    private Map<ServiceAccountRef, AssociationInfo> associations() {
        Map<ServiceAccountRef, AssociationInfo> out = new HashMap<>();
        new AssociationReader(ctx.eks(), parallelism).read(knownAssociations).forEach(a -> out.put(a.serviceAccount(), a));
        return out;
    }

    /** Restarts at most {@code budget} workloads at a time, waiting for each batch's rollout to finish. */
    public List<StepResult> restart(String runId, Set<WorkloadRef> workloads, int budget, Duration timeout) {
        return restartUntil(workloads, budget, timeout, PodInfo::hasPodIdentityEnvironment, "Pod Identity",
                (w, at) -> ctx.journal().append(runId, new JournalEntry.WorkloadRestarted(at, w, at.toString())));
    }

    /**
     * The workloads whose running pods still carry the Pod Identity environment though their service account has
     * no association any more (rollback deleted it): their credentials stop working until they restart.
     */
    public Set<WorkloadRef> stranded() {
        Map<ServiceAccountRef, AssociationInfo> associations = associations();
        Set<WorkloadRef> out = new TreeSet<>();
        for (PodInfo pod : ctx.kubernetes().pods()) {
            if (pod.owner() != null && pod.hasPodIdentityEnvironment()
                    && !associations.containsKey(new ServiceAccountRef(pod.namespace(), pod.serviceAccount()))) {
                out.add(pod.owner());
            }
        }
        return out;
    }

    /** Restarts workloads so that their pods come back without the Pod Identity environment (rollback). */
    public List<StepResult> restartOffPodIdentity(Set<WorkloadRef> workloads, int budget, Duration timeout) {
        return restartUntil(workloads, budget, timeout, p -> !p.hasPodIdentityEnvironment(), "their IRSA environment",
                (w, at) -> { });
    }

    /**
     * Restarts at most {@code budget} workloads at a time (those whose pods are all {@code moved} already are left
     * alone), then waits for each batch until its pods are.
     *
     * @param before called with each workload just before it is restarted (to journal it)
     */
    private List<StepResult> restartUntil(Set<WorkloadRef> workloads, int budget, Duration timeout,
                                          Predicate<PodInfo> moved, String target,
                                          BiConsumer<WorkloadRef, Instant> before) {
        List<StepResult> out = new ArrayList<>();
        List<WorkloadRef> pending = new ArrayList<>(workloads);
        for (int from = 0; from < pending.size(); from += budget) {
            List<WorkloadRef> batch = pending.subList(from, Math.min(pending.size(), from + budget));
            List<WorkloadRef> restarted = new ArrayList<>();
            for (WorkloadRef w : batch) {
                List<PodInfo> pods = podsOf(w);
                if (!pods.isEmpty() && pods.stream().allMatch(moved)) {
                    report(out, StepResult.unchanged("restart", w.toString(), "pods already have " + target));
                    continue;
                }
                Instant at = ctx.clock().instant();
                before.accept(w, at);
                try {
                    ctx.kubernetes().restart(w, at);
                } catch (RuntimeException refused) {
                    // One workload Kubernetes refuses to restart keeps its pods as they are; the others go on.
                    report(out, StepResult.failed("restart", w.toString(), "Kubernetes refused the restart: "
                            + refused.getMessage()));
                    continue;
                }
                restarted.add(w);
            }
            for (WorkloadRef w : restarted) {
                report(out, waitForRollout(w, timeout, moved, target));
            }
        }
        return out;
    }

    private StepResult waitForRollout(WorkloadRef w, Duration timeout, Predicate<PodInfo> moved,
                                      String target) {
        Instant deadline = ctx.clock().instant().plus(timeout);
        while (true) {
            List<PodInfo> pods = podsOf(w);
            if (!pods.isEmpty() && pods.stream().allMatch(moved)) {
                return StepResult.done("restart", w.toString(), pods.size() + " pod(s) with " + target);
            }
            if (!ctx.clock().instant().isBefore(deadline)) {
                long left = pods.stream().filter(moved.negate()).count();
                return StepResult.failed("restart", w.toString(), left + " of " + pods.size()
                        + " pod(s) still without " + target + " after " + timeout);
            }
            ctx.sleeper().sleep(ctx.poll());
        }
    }

    /**
     * Removes the role-arn annotation of bindings whose association exists with their role and whose pods all
     * run with Pod Identity; any other binding keeps it (it is still its working IRSA path). A binding whose role the
     * plan refused keeps it too: its association cannot work without the statement the run did not add, and the
     * annotation is what a later plan judges the binding by (its audience among it).
     */
    public List<StepResult> removeAnnotations(String runId, List<Binding> bindings, List<RolePlan> roles) {
        List<StepResult> out = new ArrayList<>();
        List<PodInfo> pods = ctx.kubernetes().pods();
        Map<ServiceAccountRef, AssociationInfo> associations = associations();
        Set<String> refused = roles.stream().filter(RolePlan::refused).map(RolePlan::roleArn).collect(Collectors.toSet());
        for (Binding b : bindings) {
            if (b.onPodIdentity() && (refused.contains(b.roleArn()) || refused.contains(b.associationRoleArn()))) {
                report(out, StepResult.skipped("annotation", b.serviceAccount().toString(), "kept: the plan refused role "
                        + RoleArn.parse(b.roleArn()).name() + ", so Pod Identity cannot use it yet"));
            } else if (b.onPodIdentity()) {
                report(out, removeAnnotation(runId, b, pods, associations.get(b.serviceAccount())));
            }
        }
        return out;
    }

    private StepResult removeAnnotation(String runId, Binding b, List<PodInfo> pods, AssociationInfo existing) {
        ServiceAccountRef sa = b.serviceAccount();
        Optional<ServiceAccountInfo> current = ctx.kubernetes().serviceAccount(sa);
        if (current.map(ServiceAccountInfo::roleArnAnnotation).isEmpty()) {
            return StepResult.unchanged("annotation", sa.toString(), "no role-arn annotation");
        }
        String association = Optional.ofNullable(existing)
                .filter(a -> b.associationRoleArn() == null || b.associationRoleArn().equals(a.roleArn()))
                .map(AssociationInfo::id).orElse(null);
        if (association == null) {
            return StepResult.skipped("annotation", sa.toString(), "kept: no association with its role yet");
        }
        long notMoved = pods.stream().filter(p -> p.namespace().equals(sa.namespace()) && p.serviceAccount().equals(sa.name()))
                .filter(p -> !p.hasPodIdentityEnvironment()).count();
        if (notMoved > 0) {
            return StepResult.skipped("annotation", sa.toString(), "kept: " + notMoved
                    + " pod(s) still use IRSA (restart them first: --restart-workloads)");
        }
        // The webhook's other settings go with the role: left alone they would mean nothing, or come back to life
        // with a later role-arn annotation.
        Map<String, String> removed = new LinkedHashMap<>();
        for (String key : ServiceAccountInfo.IRSA_ANNOTATIONS) {
            String value = current.get().annotations().get(key);
            if (value != null) {
                removed.put(key, value);
            }
        }
        removed.forEach((key, value) -> ctx.journal().append(runId,
                new JournalEntry.AnnotationRemoved(ctx.clock().instant(), sa, key, value)));
        try {
            if (removed.size() == 1) {
                ctx.kubernetes().removeAnnotation(sa, ServiceAccountInfo.ROLE_ARN_ANNOTATION);
            } else {
                ctx.kubernetes().removeAnnotations(sa, removed.keySet());
            }
        } catch (RuntimeException refused) {
            return StepResult.failed("annotation", sa.toString(), "kept: Kubernetes refused the patch: " + refused.getMessage());
        }
        String also = removed.size() == 1 ? "" : " with " + String.join(", ", removed.keySet().stream()
                .filter(k -> !k.equals(ServiceAccountInfo.ROLE_ARN_ANNOTATION)).toList());
        return StepResult.done("annotation", sa.toString(), "removed" + also + " (association " + association + ")");
    }

    private List<PodInfo> podsOf(WorkloadRef w) {
        return ctx.kubernetes().pods().stream().filter(p -> w.equals(p.owner())).toList();
    }

    private void report(List<StepResult> out, StepResult result) {
        out.add(result);
        ctx.progress().item(result);
    }
}
