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
import dev.pim.migration.plan.SkippedContainersNotAcceptedException;
import dev.pim.migration.plan.WebhookFinding;
import dev.pim.migration.preflight.AgentState;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.verify.VerificationReport;
import dev.pim.migration.verify.Verifier;
import dev.pim.migration.workflow.Workflow;
import dev.pim.migration.workflow.WorkflowStep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Carries out a plan by following {@link Workflow#MIGRATION}, the order that keeps every workload with a working
 * credential path at every moment: save the originals; install the agent; per role (in parallel, one worker per
 * role) add the Pod Identity trust then create its associations; add-ons; optional restarts; optional annotation
 * removal (only where the association exists and the pods moved); verify; optional OIDC cleanup (only for verified
 * bindings). Every step is idempotent, so a run after a crash converges; one failing role or binding never stops
 * the others.
 */
public final class Migration {
    private final StepContext ctx;
    private final Map<String, AssociationInfo> knownAssociations;
    /** Roles as this run last read or wrote them: see {@link TrustSteps#TrustSteps(StepContext, Map)}. */
    private final Map<String, RoleInfo> seenRoles = new ConcurrentHashMap<>();
    private final Workflow workflow;
    private final Map<String, Action> actions;

    /** What one workflow step does in a CLI run; false stops the run there (it still reports). */
    @FunctionalInterface
    private interface Action {
        boolean carryOut(Run run);
    }

    /** One run's state as its steps go: what they reported, and the last verification. */
    private final class Run {
        final String runId;
        final MigrationPlan plan;
        final List<StepResult> results;
        VerificationReport verification;
        private Verifier verifier;

        Run(String runId, MigrationPlan plan, List<StepResult> results) {
            this.runId = runId;
            this.plan = plan;
            this.results = results;
        }

        Verifier verifier() {
            if (verifier == null) {
                verifier = new Verifier(ctx.eks(), ctx.iam(), ctx.kubernetes(), plan.providerArn(),
                        plan.options().concurrency(), seenRoles, knownAssociations);
            }
            return verifier;
        }
    }

    public Migration(StepContext ctx) {
        this(ctx, new ConcurrentHashMap<>());
    }

    /** @param knownAssociations associations by id the plan's discovery described (a concurrent map; the run adds its own) */
    public Migration(StepContext ctx, Map<String, AssociationInfo> knownAssociations) {
        this(ctx, knownAssociations, Workflow.MIGRATION);
    }

    Migration(StepContext ctx, Map<String, AssociationInfo> knownAssociations, Workflow workflow) {
        this.ctx = ctx;
        this.knownAssociations = knownAssociations;
        this.workflow = workflow;
        this.actions = actions();
        List<String> missing = workflow.steps().stream().map(WorkflowStep::name).filter(n -> !actions.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no CLI action for workflow step(s) " + missing + ": add one to Migration.actions()");
        }
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
        List<WebhookFinding> unaccepted = plan.unacceptedSkippedContainers();
        if (!unaccepted.isEmpty()) {
            throw new SkippedContainersNotAcceptedException(unaccepted);
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

    /** The workflow's steps in its order, each that the options enable; one that fails to start the run stops it. */
    private MigrationReport carryOut(String runId, MigrationPlan plan, List<StepResult> results, Instant started) {
        Run run = new Run(runId, plan, results);
        for (WorkflowStep step : workflow.steps()) {
            if (step.enabledIn(plan.options()) && !actions.get(step.name()).carryOut(run)) {
                break;
            }
        }
        return finish(runId, plan, results, run.verification, started);
    }

    /** What each workflow step does in a CLI run; true to go on. */
    private Map<String, Action> actions() {
        return Map.ofEntries(
                // The plan was made after its preflight; a failed one stopped the run before it opened (apply).
                Map.entry("Preflight", run -> true),
                Map.entry("Discover", this::saveOriginals),
                Map.entry("EnsureAgent", run -> ensureAgent(run.runId, run.plan, run.results)),
                Map.entry("MigrateRoles", run -> updateRoles(run.runId, run.plan, run.results)),
                Map.entry("MigrateAddons", this::migrateAddons),
                Map.entry("RestartWorkloads", this::restartWorkloads),
                Map.entry("RemoveAnnotations", this::removeAnnotations),
                Map.entry("Verify", this::verify),
                Map.entry("StripOidcTrust", this::stripOidcTrust),
                // finish() reports once the loop ends, whether every step ran or one stopped the run.
                Map.entry("Report", run -> true));
    }

    private boolean saveOriginals(Run run) {
        ctx.progress().phase("save original trust policies", 0);
        new TrustSteps(ctx, seenRoles).saveOriginals(run.runId, run.plan.roles(), run.plan.options().concurrency());
        return true;
    }

    private boolean migrateAddons(Run run) {
        AddonSteps addons = new AddonSteps(ctx, knownAssociations);
        ctx.progress().phase("add-ons", run.plan.addons().size());
        run.plan.addons().forEach(a -> report(run.results, addons.migrate(run.runId, a, run.plan.options().timeout())));
        return true;
    }

    private boolean restartWorkloads(Run run) {
        WorkloadSteps workloads = workloads(run.plan);
        var toRestart = workloads.workloadsToRestart(run.plan.bindings());
        ctx.progress().phase("restart workloads", toRestart.size());
        run.results.addAll(workloads.restart(run.runId, toRestart, run.plan.options().restartBudget(),
                run.plan.options().timeout()));
        return true;
    }

    private boolean removeAnnotations(Run run) {
        ctx.progress().phase("remove IRSA annotations", 0);
        run.results.addAll(workloads(run.plan).removeAnnotations(run.runId, run.plan.bindings()));
        // An add-on's IRSA role is its annotation's source: cleared too, or EKS would keep annotating its service accounts.
        run.results.addAll(new AddonSteps(ctx, knownAssociations).clearRoles(run.runId, run.plan.bindings(),
                run.plan.options().timeout()));
        return true;
    }

    private WorkloadSteps workloads(MigrationPlan plan) {
        return new WorkloadSteps(ctx, plan.options().concurrency(), knownAssociations);
    }

    private boolean verify(Run run) {
        ctx.progress().phase("verify", 0);
        run.verification = run.verifier().verify(run.plan.bindings());
        return true;
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

    private boolean updateRoles(String runId, MigrationPlan plan, List<StepResult> results) {
        ctx.progress().phase("trust policies and associations", plan.roles().size());
        RoleWorkers.each(plan, "a role update", role -> updateRole(runId, plan, role, results));
        return true;
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

    /** Only for the bindings the verification found verified; then verifies again, so the report says what is left. */
    private boolean stripOidcTrust(Run run) {
        MigrationPlan plan = run.plan;
        List<ServiceAccountRef> existing = ctx.kubernetes().serviceAccounts().stream().map(ServiceAccountInfo::ref).toList();
        TrustSteps trust = new TrustSteps(ctx, seenRoles);
        ctx.progress().phase("remove this cluster's OIDC trust", plan.roles().size());
        VerificationReport verification = run.verification;
        // Like the trust updates: one worker per role, each edit under that role's lease.
        RoleWorkers.each(plan, "an OIDC cleanup", role -> report(run.results, trust.stripVerified(run.runId, role.roleArn(),
                plan.providerArn(), plan.bindings(), existing, verification.verified(),
                plan.options().removeWildcardOidcTrust())));
        run.verification = run.verifier().verify(plan.bindings());
        return true;
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
