package dev.pim.migration.apply;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AssociationInfo;
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
    private final Workflow workflow;

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

    /**
     * The workflow's steps in its order, each that the options enable, each by its own action; one that fails to
     * start the run stops it. The actions below are the steps' ({@link Workflow#MIGRATION} names them).
     */
    private MigrationReport carryOut(String runId, MigrationPlan plan, List<StepResult> results, Instant started) {
        MigrationRun run = new MigrationRun(ctx, runId, plan, knownAssociations);
        for (WorkflowStep step : workflow.steps()) {
            if (step.enabledIn(plan.options()) && !step.action().carryOut(run)) {
                break;
            }
        }
        results.addAll(run.results());
        return finish(runId, plan, results, run.verification(), started);
    }

    static boolean saveOriginals(MigrationRun run) {
        run.ctx().progress().phase("save original trust policies", 0);
        run.trust().saveOriginals(run.runId(), run.plan().roles(), run.plan().options().concurrency());
        return true;
    }

    static boolean migrateAddons(MigrationRun run) {
        AddonSteps addons = new AddonSteps(run.ctx(), run.knownAssociations());
        run.ctx().progress().phase("add-ons", run.plan().addons().size());
        run.plan().addons().forEach(a -> run.report(addons.migrate(run.runId(), a, run.plan().options().timeout())));
        return true;
    }

    static boolean restartWorkloads(MigrationRun run) {
        WorkloadSteps workloads = run.workloads();
        var toRestart = workloads.workloadsToRestart(run.plan().bindings());
        run.ctx().progress().phase("restart workloads", toRestart.size());
        run.reportAll(workloads.restart(run.runId(), toRestart, run.plan().options().restartBudget(),
                run.plan().options().timeout()));
        return true;
    }

    static boolean removeAnnotations(MigrationRun run) {
        run.ctx().progress().phase("remove IRSA annotations", 0);
        run.reportAll(run.workloads().removeAnnotations(run.runId(), run.plan().bindings(), run.plan().roles()));
        // An add-on's IRSA role is its annotation's source: cleared too, or EKS would keep annotating its service accounts.
        run.reportAll(new AddonSteps(run.ctx(), run.knownAssociations()).clearRoles(run.runId(), run.plan().bindings(),
                run.settleWait()));
        return true;
    }

    static boolean verify(MigrationRun run) {
        run.ctx().progress().phase("verify", 0);
        run.verification(run.verifier().verify(run.plan().bindings()));
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

    static boolean ensureAgent(MigrationRun run) {
        MigrationPlan plan = run.plan();
        AgentState agent = plan.preflight().agent();
        if (agent.usable() || !plan.createsAssociations()) {
            // Nothing will use an agent this run would install (or wait for): the cluster is left as it is.
            return true;
        }
        AgentSteps steps = new AgentSteps(run.ctx());
        run.ctx().progress().phase("install the Pod Identity agent", 1);
        StepResult started = steps.ensureStarted(run.runId(), plan.installAgentVersion(), plan.cluster().autoMode());
        if (started.result() == StepResult.Result.DONE) {
            run.report(started);
        }
        StepResult active = steps.waitUntilActive(plan.options().timeout());
        run.report(active);
        return !active.failed();
    }

    static boolean updateRoles(MigrationRun run) {
        run.ctx().progress().phase("trust policies and associations", run.plan().roles().size());
        RoleWorkers.each(run.plan(), "a role update", role -> updateRole(run, role));
        return true;
    }

    /** One role, by one worker: its trust first, then its associations (EKS checks the trust at creation). */
    private static void updateRole(MigrationRun run, RolePlan role) {
        List<Binding> bindings = run.plan().migratable().stream()
                .filter(b -> role.roleArn().equals(b.associationRoleArn()) && b.addon() == null).toList();
        StepResult trust;
        try {
            trust = role.refused() ? StepResult.failed("trust", role.roleArn(), role.refusal())
                    : run.trust().addPodIdentity(run.runId(), role.roleArn(), role.quota(),
                    role.podIdentityScope());
        } catch (RuntimeException e) {
            trust = StepResult.failed("trust", role.roleArn(), "cannot update the trust policy: " + e.getMessage());
        }
        run.report(trust);
        if (trust.failed()) {
            bindings.forEach(b -> run.report(StepResult.failed("association", b.serviceAccount().toString(),
                    "not created: the trust policy of role " + role.roleName() + " could not be updated")));
            return;
        }
        try {
            run.reportAll(new AssociationSteps(run.ctx(), run.knownAssociations()).create(run.runId(), bindings));
        } catch (RuntimeException e) {
            bindings.forEach(b -> run.report(StepResult.failed("association", b.serviceAccount().toString(), e.getMessage())));
        }
    }

    /** Only for the bindings the verification found verified; then verifies again, so the report says what is left. */
    static boolean stripOidcTrust(MigrationRun run) {
        MigrationPlan plan = run.plan();
        List<ServiceAccountRef> existing = run.ctx().kubernetes().serviceAccounts().stream().map(ServiceAccountInfo::ref).toList();
        TrustSteps trust = run.trust();
        run.ctx().progress().phase("remove this cluster's OIDC trust", plan.roles().size());
        VerificationReport verification = run.verification();
        // Like the trust updates: one worker per role, each edit under that role's lease.
        RoleWorkers.each(plan, "an OIDC cleanup", role -> run.report(trust.stripVerified(run.runId(), role.roleArn(),
                plan.providerArn(), plan.bindings(), existing, verification.verified(),
                plan.options().removeWildcardOidcTrust())));
        run.verification(run.verifier().verify(plan.bindings()));
        return true;
    }

    private MigrationReport finish(String runId, MigrationPlan plan, List<StepResult> results,
                                   VerificationReport verification, Instant started) {
        MigrationReport.Status status = MigrationReport.Status.of(results);
        ctx.journal().finishRun(runId, status.name().toLowerCase());
        return new MigrationReport(runId, plan, results, verification, status, elapsed(started));
    }

    private Duration elapsed(Instant started) {
        return Duration.between(started, ctx.clock().instant());
    }
}
