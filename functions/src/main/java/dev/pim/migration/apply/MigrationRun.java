package dev.pim.migration.apply;

import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.VerificationReport;
import dev.pim.migration.verify.Verifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run as its steps go, what every {@link StepAction} works on: the plan, the cluster's ports, what the steps
 * reported, the last verification. The CLI's run keeps one for all its steps; a step's Lambda function makes one for
 * its own invocation (the results go to the journal, the rest is read again).
 */
public final class MigrationRun {
    private final StepContext ctx;
    private final String runId;
    private final MigrationPlan plan;
    private final List<StepResult> results = Collections.synchronizedList(new ArrayList<>());
    /** Roles as this run last read or wrote them: see {@link TrustSteps#TrustSteps(StepContext, Map)}. */
    private final Map<String, RoleInfo> seenRoles = new ConcurrentHashMap<>();
    private final Map<String, AssociationInfo> knownAssociations;
    private VerificationReport verification;
    private Verifier verifier;
    private boolean waitsForSettling = true;

    /** @param knownAssociations associations by id already described (a concurrent map; the run adds its own) */
    public MigrationRun(StepContext ctx, String runId, MigrationPlan plan, Map<String, AssociationInfo> knownAssociations) {
        this.ctx = ctx;
        this.runId = runId;
        this.plan = plan;
        this.knownAssociations = knownAssociations;
    }

    /**
     * Starts changes that settle later (an add-on update) without waiting for them: a step's Lambda function must
     * end well inside its own timeout, and the state machine's later states see the result.
     */
    public MigrationRun withoutWaiting() {
        this.waitsForSettling = false;
        return this;
    }

    /** How long a step waits for what it started to settle: the run's timeout, or null when it does not wait. */
    Duration settleWait() {
        return waitsForSettling ? plan.options().timeout() : null;
    }

    public StepContext ctx() {
        return ctx;
    }

    public String runId() {
        return runId;
    }

    public MigrationPlan plan() {
        return plan;
    }

    /** What the steps reported so far, in order (a copy). */
    public List<StepResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    public VerificationReport verification() {
        return verification;
    }

    void verification(VerificationReport report) {
        this.verification = report;
    }

    /** Adds a result and shows it as progress. */
    void report(StepResult result) {
        results.add(result);
        ctx.progress().item(result);
    }

    void reportAll(List<StepResult> each) {
        results.addAll(each);
    }

    Map<String, RoleInfo> seenRoles() {
        return seenRoles;
    }

    Map<String, AssociationInfo> knownAssociations() {
        return knownAssociations;
    }

    TrustSteps trust() {
        return new TrustSteps(ctx, seenRoles);
    }

    WorkloadSteps workloads() {
        return new WorkloadSteps(ctx, plan.options().concurrency(), knownAssociations);
    }

    Verifier verifier() {
        if (verifier == null) {
            verifier = new Verifier(ctx.eks(), ctx.iam(), ctx.kubernetes(), plan.providerArn(),
                    plan.options().concurrency(), seenRoles, knownAssociations, plan.cluster().arn());
        }
        return verifier;
    }
}
