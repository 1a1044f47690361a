package dev.pim.migration.apply;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.journal.RunRecord;
import dev.pim.migration.preflight.Preflight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Undoes runs from their journals, all of them as one plan, in the order that keeps every pod with a working
 * credential path (the forward order, reversed): IRSA comes back first (annotations, and each role's OIDC trust,
 * with the Pod Identity statement kept while anything may still use it); then add-ons; then the associations the
 * runs created are deleted; then every workload whose pods still carry the Pod Identity environment without an
 * association is restarted, once the last association of its service account is gone, and waited for; only then
 * do the trust policies go back to their originals (dropping the Pod Identity statement) and the agent a run
 * installed go (unless another association still uses it). A trust policy is restored only if it is still what
 * one of the runs wrote; otherwise the conflict is reported and the role left alone.
 */
public final class Rollback {
    static final int RESTART_BUDGET = 4;
    private final StepContext ctx;

    public Rollback(StepContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param runId     one run, or null for every run of the cluster not yet rolled back
     * @param keepAgent leave the agent add-on installed even if a rolled-back run installed it
     */
    public List<StepResult> rollback(ClusterRef cluster, String runId, boolean keepAgent, Duration timeout) {
        List<RunRecord> runs = runs(cluster, runId);
        if (runs.isEmpty()) {
            return List.of();
        }
        // Newest first (runs, and entries within each): where several runs touched one thing, undoing them in this
        // order leaves the oldest run's "before".
        List<JournalEntry> entries = new ArrayList<>();
        for (RunRecord run : runs) {
            List<JournalEntry> ofRun = new ArrayList<>(ctx.journal().entries(run.runId()));
            Collections.reverse(ofRun);
            entries.addAll(ofRun);
        }
        List<StepResult> out = new ArrayList<>();
        ctx.progress().phase("roll back " + (runs.size() == 1 ? "run " + runs.get(0).runId() : runs.size() + " runs"), 0);
        restoreAnnotations(entries, out);
        TrustRestore trust = new TrustRestore(ctx, entries);
        trust.bringBackIrsa(out);
        restoreAddons(entries, out, timeout);
        // A service account whose annotation could not come back keeps its association: without either it would
        // have no credentials at all. A later rollback finishes it.
        Set<String> unrestored = new LinkedHashSet<>();
        out.stream().filter(r -> r.step().equals("annotation") && r.failed()).forEach(r -> unrestored.add(r.subject()));
        deleteAssociations(runs, entries, unrestored, out);
        WorkloadSteps workloads = new WorkloadSteps(ctx);
        Set<WorkloadRef> stranded = workloads.stranded();
        ctx.progress().phase("restart workloads back to IRSA", stranded.size());
        out.addAll(workloads.restartOffPodIdentity(stranded, RESTART_BUDGET, timeout));
        trust.restoreOriginals(out);
        removeAgent(entries, keepAgent, out);
        // A rollback that could not do everything leaves the runs to roll back again (each of its steps is idempotent).
        String status = out.stream().anyMatch(StepResult::failed) ? "rollback-incomplete" : "rolled-back";
        runs.forEach(run -> ctx.journal().finishRun(run.runId(), status));
        return out;
    }

    private List<RunRecord> runs(ClusterRef cluster, String runId) {
        if (runId != null) {
            RunRecord run = ctx.journal().run(runId).orElseThrow(() -> new IllegalArgumentException("no run '" + runId + "' in the journal"));
            if (!run.cluster().equals(cluster)) {
                throw new IllegalArgumentException("run " + runId + " migrated " + run.cluster() + ", not " + cluster);
            }
            return run.status().equals("rolled-back") ? List.of() : List.of(run);
        }
        List<RunRecord> runs = new ArrayList<>(ctx.journal().runs(cluster));
        runs.removeIf(run -> run.status().equals("rolled-back"));
        Collections.reverse(runs);
        return runs;
    }

    private void restoreAnnotations(List<JournalEntry> entries, List<StepResult> out) {
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.AnnotationRemoved removed) {
                report(out, restoreAnnotation(removed.serviceAccount(), removed.key(), removed.value()));
            }
        }
    }

    private StepResult restoreAnnotation(ServiceAccountRef sa, String key, String value) {
        Optional<ServiceAccountInfo> current = ctx.kubernetes().serviceAccount(sa);
        if (current.isEmpty()) {
            return StepResult.skipped("annotation", sa.toString(), "the service account no longer exists");
        }
        String now = current.get().annotations().get(key);
        if (value.equals(now)) {
            return StepResult.unchanged("annotation", sa.toString(), "already " + value);
        }
        if (now != null) {
            return StepResult.failed("annotation", sa.toString(), "conflict: it is now " + now + "; left as is");
        }
        try {
            ctx.kubernetes().setAnnotation(sa, key, value);
        } catch (RuntimeException refused) {
            return StepResult.failed("annotation", sa.toString(), "not restored: Kubernetes refused the patch: "
                    + refused.getMessage() + " (run the rollback again)");
        }
        return StepResult.done("annotation", sa.toString(), "restored " + key + "=" + value);
    }

    private void restoreAddons(List<JournalEntry> entries, List<StepResult> out, Duration timeout) {
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.AddonRoleCleared cleared) {
                report(out, restoreAddonRole(cleared, timeout));
            }
            if (e instanceof JournalEntry.AddonAssociationsSet set) {
                // Annotations first: the update rolls the add-on's pods, which must come back with IRSA.
                String namespace = namespaceOfAddon(set);
                set.annotationsBefore().forEach((sa, value) -> report(out,
                        restoreAnnotation(new ServiceAccountRef(namespace, sa), ServiceAccountInfo.ROLE_ARN_ANNOTATION, value)));
                ctx.eks().updateAddonAssociations(set.addonName(), set.version(), set.before());
                StepResult settled = new AddonSteps(ctx).waitUntilActive(set.addonName(), timeout);
                report(out, settled.failed() ? settled
                        : StepResult.done("addon", set.addonName(), "associations back to " + set.before().keySet()));
            }
        }
    }

    /** The add-on's IRSA role back, unless someone set another since. */
    private StepResult restoreAddonRole(JournalEntry.AddonRoleCleared cleared, Duration timeout) {
        Optional<AddonInfo> addon = ctx.eks().addon(cleared.addonName());
        if (addon.isEmpty()) {
            return StepResult.skipped("addon-role", cleared.addonName(), "the add-on is no longer installed");
        }
        String now = addon.get().serviceAccountRoleArn();
        if (cleared.roleArn().equals(now)) {
            return StepResult.unchanged("addon-role", cleared.addonName(), "serviceAccountRoleArn already " + now);
        }
        if (addon.get().usesIrsa()) {
            return StepResult.failed("addon-role", cleared.addonName(), "conflict: serviceAccountRoleArn is now " + now
                    + "; left as is");
        }
        AddonSteps addons = new AddonSteps(ctx);
        StepResult idle = addons.waitUntilActive(cleared.addonName(), timeout);
        if (idle.failed()) {
            return StepResult.failed("addon-role", cleared.addonName(), "not restored: " + idle.detail());
        }
        ctx.eks().setAddonServiceAccountRole(cleared.addonName(), cleared.roleArn());
        StepResult settled = addons.waitUntilActive(cleared.addonName(), timeout);
        return settled.failed() ? StepResult.failed("addon-role", cleared.addonName(), settled.detail())
                : StepResult.done("addon-role", cleared.addonName(), "restored serviceAccountRoleArn " + cleared.roleArn());
    }

    private String namespaceOfAddon(JournalEntry.AddonAssociationsSet set) {
        return ctx.kubernetes().serviceAccounts().stream()
                .filter(sa -> set.after().containsKey(sa.ref().name()))
                .map(sa -> sa.ref().namespace()).findFirst().orElse("kube-system");
    }

    /** Deletes the associations the runs created: recorded in a journal, or tagged with a run (a crash between create and record). */
    private void deleteAssociations(List<RunRecord> runs, List<JournalEntry> entries, Set<String> keep,
                                    List<StepResult> out) {
        Set<String> runIds = new LinkedHashSet<>();
        runs.forEach(r -> runIds.add(r.runId()));
        Set<String> ids = new LinkedHashSet<>();
        entries.stream().filter(JournalEntry.AssociationCreated.class::isInstance)
                .map(e -> ((JournalEntry.AssociationCreated) e).associationId()).forEach(ids::add);
        Map<String, AssociationInfo> present = new LinkedHashMap<>();
        for (AssociationInfo a : ctx.eks().associations()) {
            present.put(a.id(), a);
            if (runIds.contains(a.tags().get(AssociationSteps.RUN_TAG))) {
                ids.add(a.id());
            }
        }
        for (String id : ids) {
            AssociationInfo a = present.get(id);
            if (a == null) {
                report(out, StepResult.unchanged("association", id, "already deleted"));
            } else if (keep.contains(a.serviceAccount().toString())) {
                report(out, StepResult.failed("association", a.serviceAccount().toString(), "kept " + id
                        + ": the service account's IRSA annotation could not be restored (run the rollback again)"));
            } else {
                ctx.eks().deleteAssociation(id);
                report(out, StepResult.done("association", a.serviceAccount().toString(), "deleted " + id));
            }
        }
    }

    /** The agent goes only if a rolled-back run installed it and no association is left to use it. */
    private void removeAgent(List<JournalEntry> entries, boolean keepAgent, List<StepResult> out) {
        if (keepAgent || entries.stream().noneMatch(JournalEntry.AgentInstalled.class::isInstance)) {
            return;
        }
        List<AssociationInfo> left = ctx.eks().associations();
        if (!left.isEmpty()) {
            report(out, StepResult.skipped("agent", Preflight.AGENT_ADDON, "kept: " + left.size()
                    + " association(s) still use it"));
            return;
        }
        ctx.eks().deleteAddon(Preflight.AGENT_ADDON);
        report(out, StepResult.done("agent", Preflight.AGENT_ADDON, "removed (a rolled-back run installed it)"));
    }

    private void report(List<StepResult> out, StepResult result) {
        out.add(result);
        ctx.progress().item(result);
    }
}
