package dev.pim.migration.apply;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.journal.RunRecord;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.trust.TrustPolicy;
import dev.pim.migration.trust.TrustPolicyException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Undoes runs from their journals, newest first: IRSA comes back before Pod Identity goes (annotations and
 * trust policies restored, then associations deleted, then the restarted workloads restarted again so their
 * pods get the IRSA environment back). A trust policy is restored only if it is still what the run wrote;
 * otherwise the conflict is reported and the role left alone.
 */
public final class Rollback {
    private final StepContext ctx;

    public Rollback(StepContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param runId     one run, or null for every run of the cluster (newest first)
     * @param keepAgent leave the agent add-on installed even if a rolled-back run installed it
     */
    public List<StepResult> rollback(ClusterRef cluster, String runId, boolean keepAgent, Duration timeout) {
        List<RunRecord> runs = new ArrayList<>();
        if (runId != null) {
            RunRecord run = ctx.journal().run(runId).orElseThrow(() -> new IllegalArgumentException("no run '" + runId + "' in the journal"));
            if (!run.cluster().equals(cluster)) {
                throw new IllegalArgumentException("run " + runId + " migrated " + run.cluster() + ", not " + cluster);
            }
            runs.add(run);
        } else {
            runs.addAll(ctx.journal().runs(cluster));
            Collections.reverse(runs);
        }
        List<StepResult> out = new ArrayList<>();
        for (RunRecord run : runs) {
            if (!run.status().equals("rolled-back")) {
                out.addAll(rollbackRun(run.runId(), keepAgent, timeout));
                ctx.journal().finishRun(run.runId(), "rolled-back");
            }
        }
        return out;
    }

    private List<StepResult> rollbackRun(String runId, boolean keepAgent, Duration timeout) {
        List<JournalEntry> entries = ctx.journal().entries(runId);
        List<StepResult> out = new ArrayList<>();
        ctx.progress().phase("roll back run " + runId, 0);
        restoreAnnotations(entries, out);
        restoreTrust(entries, out);
        restoreAddons(entries, out, timeout);
        deleteAssociations(runId, entries, out);
        restartAgain(entries, out);
        if (!keepAgent) {
            entries.stream().filter(JournalEntry.AgentInstalled.class::isInstance).findFirst().ifPresent(e -> {
                ctx.eks().deleteAddon(Preflight.AGENT_ADDON);
                report(out, StepResult.done("agent", Preflight.AGENT_ADDON, "removed (this run installed it)"));
            });
        }
        return out;
    }

    private void restoreAnnotations(List<JournalEntry> entries, List<StepResult> out) {
        for (JournalEntry e : reversed(entries)) {
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
        ctx.kubernetes().setAnnotation(sa, key, value);
        return StepResult.done("annotation", sa.toString(), "restored " + key + "=" + value);
    }

    /** For each role: if it is still what this run last wrote, back to what it was before the run's first write. */
    private void restoreTrust(List<JournalEntry> entries, List<StepResult> out) {
        Map<String, List<JournalEntry.TrustWritten>> writes = new LinkedHashMap<>();
        entries.stream().filter(JournalEntry.TrustWritten.class::isInstance).map(JournalEntry.TrustWritten.class::cast)
                .forEach(w -> writes.computeIfAbsent(w.roleArn(), k -> new ArrayList<>()).add(w));
        writes.forEach((roleArn, chain) -> {
            JournalEntry.TrustWritten first = chain.get(0);
            JournalEntry.TrustWritten last = chain.get(chain.size() - 1);
            String current = ctx.iam().role(first.roleName()).map(r -> r.trustPolicy()).orElse(null);
            if (current == null) {
                report(out, StepResult.failed("trust", roleArn, "the role no longer exists"));
            } else if (same(roleArn, current, first.before())) {
                report(out, StepResult.unchanged("trust", roleArn, "already the original"));
            } else if (chain.stream().anyMatch(w -> same(roleArn, current, w.after()))) {
                ctx.iam().updateTrustPolicy(first.roleName(), first.before());
                report(out, StepResult.done("trust", roleArn, "restored the original trust policy"));
            } else {
                report(out, StepResult.failed("trust", roleArn, "conflict: the trust policy changed after this run wrote it "
                        + "(expected " + last.after() + "); left as is"));
            }
        });
    }

    private static boolean same(String roleArn, String a, String b) {
        try {
            return TrustPolicy.parse(roleArn, a).render().equals(TrustPolicy.parse(roleArn, b).render());
        } catch (TrustPolicyException e) {
            return Objects.equals(a, b);
        }
    }

    private void restoreAddons(List<JournalEntry> entries, List<StepResult> out, Duration timeout) {
        for (JournalEntry e : reversed(entries)) {
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

    private String namespaceOfAddon(JournalEntry.AddonAssociationsSet set) {
        return ctx.kubernetes().serviceAccounts().stream()
                .filter(sa -> set.after().containsKey(sa.ref().name()))
                .map(sa -> sa.ref().namespace()).findFirst().orElse("kube-system");
    }

    /** Deletes the associations this run created: recorded in the journal, or tagged with the run (a crash between create and record). */
    private void deleteAssociations(String runId, List<JournalEntry> entries, List<StepResult> out) {
        Set<String> ids = new LinkedHashSet<>();
        entries.stream().filter(JournalEntry.AssociationCreated.class::isInstance)
                .map(e -> ((JournalEntry.AssociationCreated) e).associationId()).forEach(ids::add);
        Map<String, AssociationInfo> present = new LinkedHashMap<>();
        for (AssociationInfo a : ctx.eks().associations()) {
            present.put(a.id(), a);
            if (runId.equals(a.tags().get(AssociationSteps.RUN_TAG))) {
                ids.add(a.id());
            }
        }
        for (String id : ids) {
            AssociationInfo a = present.get(id);
            if (a == null) {
                report(out, StepResult.unchanged("association", id, "already deleted"));
            } else {
                ctx.eks().deleteAssociation(id);
                report(out, StepResult.done("association", a.serviceAccount().toString(), "deleted " + id));
            }
        }
    }

    private void restartAgain(List<JournalEntry> entries, List<StepResult> out) {
        Set<WorkloadRef> restarted = new LinkedHashSet<>();
        entries.stream().filter(JournalEntry.WorkloadRestarted.class::isInstance)
                .map(e -> ((JournalEntry.WorkloadRestarted) e).workload()).forEach(restarted::add);
        for (WorkloadRef w : restarted) {
            ctx.kubernetes().restart(w, ctx.clock().instant());
            report(out, StepResult.done("restart", w.toString(), "restarted so its pods get the IRSA environment back"));
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private void report(List<StepResult> out, StepResult result) {
        out.add(result);
        ctx.progress().item(result);
    }
}
