package dev.pim.migration.apply;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.journal.RunRecord;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.RolePlan;
import dev.pim.migration.preflight.AgentState;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.verify.VerificationReport;
import dev.pim.migration.verify.Verifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * Carries out a plan, in the order that keeps every workload with a working credential path at every moment:
 * save the originals; install the agent; per role (in parallel, one worker per role) add the Pod Identity
 * trust then create its associations; add-ons; optional restarts; optional annotation removal (only where the
 * association exists and the pods moved); verify; optional OIDC cleanup (only for verified bindings). Every
 * step is idempotent, so a run after a crash converges; one failing role or binding never stops the others.
 */
public final class Migration {
    private final StepContext ctx;
    private final Map<String, AssociationInfo> knownAssociations;
    /** Roles as this run last read or wrote them: see {@link TrustSteps#TrustSteps(StepContext, Map)}. */
    private final Map<String, RoleInfo> seenRoles = new ConcurrentHashMap<>();

    public Migration(StepContext ctx) {
        this(ctx, new ConcurrentHashMap<>());
    }

    /** @param knownAssociations associations by id the plan's discovery described (a concurrent map; the run adds its own) */
    public Migration(StepContext ctx, Map<String, AssociationInfo> knownAssociations) {
        this.ctx = ctx;
        this.knownAssociations = knownAssociations;
    }

    public MigrationReport apply(MigrationPlan plan) {
        if (!plan.options().approve()) {
            throw new IllegalArgumentException("apply needs an approved plan (--approve)");
        }
        Instant started = ctx.clock().instant();
        List<StepResult> results = Collections.synchronizedList(new ArrayList<>());
        if (!plan.preflight().passed()) {
            plan.preflight().failures().forEach(f -> results.add(StepResult.failed("preflight", f.name(), f.detail())));
            return new MigrationReport(null, plan, results, null, MigrationReport.Status.FAILED, elapsed(started));
        }
        if (plan.bindings().stream().noneMatch(Binding::onPodIdentity)) {
            // Nothing is or will be on Pod Identity (all broken, conflicting, cross-account...): no run, no agent.
            results.add(StepResult.skipped("agent", Preflight.AGENT_ADDON, "no binding is migratable or on Pod Identity: "
                    + "nothing to install it for"));
            return new MigrationReport(null, plan, results, null, MigrationReport.Status.SUCCEEDED, elapsed(started));
        }
        RunRecord run = ctx.journal().startRun(plan.cluster().ref(), plan.options().asMap());
        try {
            return carryOut(run.runId(), plan, results, started);
        } catch (RuntimeException e) {
            Optional<Boolean> changed = changedSoFar(run.runId());
            try {
                ctx.journal().finishRun(run.runId(), "interrupted");
            } catch (RuntimeException journalAlsoDown) {
                e.addSuppressed(journalAlsoDown);
            }
            throw new RunInterruptedException(run.runId(), plan.cluster().ref(), changed, e);
        }
    }

    private MigrationReport carryOut(String runId, MigrationPlan plan, List<StepResult> results, Instant started) {
        ctx.progress().phase("save original trust policies", 0);
        new TrustSteps(ctx, seenRoles).saveOriginals(runId, plan.roles());

        if (!ensureAgent(runId, plan, results)) {
            return finish(runId, plan, results, null, started);
        }
        updateRoles(runId, plan, results);
        AddonSteps addons = new AddonSteps(ctx, knownAssociations);
        ctx.progress().phase("add-ons", plan.addons().size());
        plan.addons().forEach(a -> report(results, addons.migrate(runId, a, plan.options().timeout())));

        WorkloadSteps workloads = new WorkloadSteps(ctx, plan.options().concurrency(), knownAssociations);
        if (plan.options().restartWorkloads()) {
            var toRestart = workloads.workloadsToRestart(plan.bindings());
            ctx.progress().phase("restart workloads", toRestart.size());
            results.addAll(workloads.restart(runId, toRestart, plan.options().restartBudget(), plan.options().timeout()));
        }
        if (plan.options().removeIrsaAnnotation()) {
            ctx.progress().phase("remove IRSA annotations", 0);
            results.addAll(workloads.removeAnnotations(runId, plan.bindings()));
        }
        Verifier verifier = new Verifier(ctx.eks(), ctx.iam(), ctx.kubernetes(), plan.providerArn(),
                plan.options().concurrency(), seenRoles, knownAssociations);
        ctx.progress().phase("verify", 0);
        VerificationReport verification = verifier.verify(plan.bindings());
        if (plan.options().removeOidcTrust()) {
            stripOidcTrust(runId, plan, verification, results);
            verification = verifier.verify(plan.bindings());
        }
        return finish(runId, plan, results, verification, started);
    }

    /** Whether the run's journal shows a write (journaled before it is made); empty when it cannot be read. */
    private Optional<Boolean> changedSoFar(String runId) {
        try {
            return Optional.of(ctx.journal().entries(runId).stream().anyMatch(e -> !(e instanceof JournalEntry.TrustSaved)
                    && !(e instanceof JournalEntry.Outcome)));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private boolean ensureAgent(String runId, MigrationPlan plan, List<StepResult> results) {
        AgentState agent = plan.preflight().agent();
        if (agent.usable() || !plan.createsAssociations()) {
            // Nothing will use an agent this run would install (or wait for): the cluster is left as it is.
            return true;
        }
        AgentSteps steps = new AgentSteps(ctx);
        ctx.progress().phase("install the Pod Identity agent", 1);
        StepResult started = steps.ensureStarted(runId, plan.installAgentVersion(), plan.cluster().autoMode());
        if (started.result() == StepResult.Result.DONE) {
            report(results, started);
        }
        StepResult active = steps.waitUntilActive(plan.options().timeout());
        report(results, active);
        return !active.failed();
    }

    private void updateRoles(String runId, MigrationPlan plan, List<StepResult> results) {
        ctx.progress().phase("trust policies and associations", plan.roles().size());
        eachRole(plan, "a role update", role -> updateRole(runId, plan, role, results));
    }

    /**
     * Runs {@code task} for every planned role, one worker per role, {@code --concurrency} at once. Every worker ends
     * before the run goes on (or stops): none may still be writing once apply returns.
     */
    private void eachRole(MigrationPlan plan, String what, java.util.function.Consumer<RolePlan> task) {
        ExecutorService pool = Executors.newFixedThreadPool(plan.options().concurrency());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RolePlan role : plan.roles()) {
                futures.add(pool.submit(() -> task.accept(role)));
            }
            Throwable crashed = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    crashed = crashed == null ? e.getCause() : crashed;
                }
            }
            if (crashed != null) {
                throw new IllegalStateException(what + " crashed: " + crashed, crashed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One role, by one worker: its trust first, then its associations (EKS checks the trust at creation). */
    private void updateRole(String runId, MigrationPlan plan, RolePlan role, List<StepResult> results) {
        List<Binding> bindings = plan.migratable().stream()
                .filter(b -> role.roleArn().equals(b.associationRoleArn()) && b.addon() == null).toList();
        StepResult trust;
        try {
            trust = role.refused() ? StepResult.failed("trust", role.roleArn(), role.refusal())
                    : new TrustSteps(ctx, seenRoles).addPodIdentity(runId, role.roleArn(), role.quota());
        } catch (RuntimeException e) {
            trust = StepResult.failed("trust", role.roleArn(), "cannot update the trust policy: " + e.getMessage());
        }
        report(results, trust);
        if (trust.failed()) {
            bindings.forEach(b -> report(results, StepResult.failed("association", b.serviceAccount().toString(),
                    "not created: the trust policy of role " + role.roleName() + " could not be updated")));
            return;
        }
        try {
            results.addAll(new AssociationSteps(ctx, knownAssociations).create(runId, bindings));
        } catch (RuntimeException e) {
            bindings.forEach(b -> report(results, StepResult.failed("association", b.serviceAccount().toString(), e.getMessage())));
        }
    }

    private void stripOidcTrust(String runId, MigrationPlan plan, VerificationReport verification, List<StepResult> results) {
        List<ServiceAccountRef> existing = ctx.kubernetes().serviceAccounts().stream().map(ServiceAccountInfo::ref).toList();
        TrustSteps trust = new TrustSteps(ctx, seenRoles);
        ctx.progress().phase("remove this cluster's OIDC trust", plan.roles().size());
        // Like the trust updates: one worker per role, each edit under that role's lease.
        eachRole(plan, "an OIDC cleanup", role -> report(results, trust.stripVerified(runId, role.roleArn(),
                plan.providerArn(), plan.bindings(), existing, verification.verified(),
                plan.options().removeWildcardOidcTrust())));
    }

    private MigrationReport finish(String runId, MigrationPlan plan, List<StepResult> results,
                                   VerificationReport verification, Instant started) {
        MigrationReport.Status status = MigrationReport.Status.of(results);
        ctx.journal().finishRun(runId, status.name().toLowerCase());
        return new MigrationReport(runId, plan, results, verification, status, elapsed(started));
    }

    private void report(List<StepResult> results, StepResult result) {
        results.add(result);
        ctx.progress().item(result);
    }

    private Duration elapsed(Instant started) {
        return Duration.between(started, ctx.clock().instant());
    }
}
