package dev.pim.handler;

import dev.pim.app.ClusterSession;
import dev.pim.app.ExecutionEnvironment;
import dev.pim.app.LambdaRuntime;
import dev.pim.fleet.FleetLedger;
import dev.pim.fleet.Results;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.apply.StepContext;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.journal.PlanStore;
import dev.pim.migration.journal.RunRecord;
import dev.pim.migration.port.RoleLeases;

import java.net.URI;
import java.time.Clock;

/**
 * The execution environment as the handlers see it: its parts, reached through the pipeline's events (the input's
 * cluster, the run a step names). It holds nothing of its own: the {@link ExecutionEnvironment} it reads is built
 * by the composition root ({@code dev.pim.app}).
 */
public final class HandlerEnvironment {
    private final ExecutionEnvironment execution;

    public HandlerEnvironment(ExecutionEnvironment execution) {
        this.execution = execution;
    }

    /** The environment of this Lambda execution environment, built on first use (the handlers' no-arg constructors). */
    public static HandlerEnvironment shared() {
        return new HandlerEnvironment(LambdaRuntime.environment());
    }

    /** What this view reads: the composition root's environment. */
    public ExecutionEnvironment execution() {
        return execution;
    }

    /** The input with defaults from this environment (region, concurrency), checked field by field. */
    public PipelineInput validate(PipelineInput input) {
        return input.validated(execution.defaultRegion(), execution.defaultMaxConcurrency());
    }

    /** The region of this function (where the stack runs), the default of every input. */
    public String defaultRegion() {
        return execution.defaultRegion();
    }

    /** The endpoint every client talks to, or null for AWS's own. */
    public URI endpoint() {
        return execution.endpoint();
    }

    public Journal journal() {
        return execution.journal();
    }

    public PlanStore plans() {
        return execution.plans();
    }

    /** The role of the run's plan a Map iteration's event names by its index. */
    public PlanStore.RoleWork role(StepRequest step) {
        return role(step, "roleIndex");
    }

    /** The same, for a role of a batch: a role the plan does not have is named as the event's {@code field}. */
    public PlanStore.RoleWork role(StepRequest step, String field) {
        int index = step.requireRoleIndex();
        try {
            return execution.plans().role(step.runId(), index);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("event field '" + field + "': " + e.getMessage(), e);
        }
    }

    public Clock clock() {
        return execution.clock();
    }

    public RoleLeases leases() {
        return execution.leases();
    }

    public FleetLedger fleet() {
        return execution.fleet();
    }

    public Results results() {
        return execution.results();
    }

    /**
     * Checks that a step event names a run the Preflight state opened, of the cluster its input names: a step of
     * one run must not act on another cluster, nor a step of no run at all.
     */
    public void requireRunOf(StepRequest step) {
        step.requireRun();
        PipelineInput input = step.input();
        RunRecord run = execution.journal().run(step.runId()).orElseThrow(() -> new InvalidInputException(
                "event field 'runId': no run '" + step.runId() + "' in the journal (runs are opened by the Preflight state)"));
        ClusterRef of = run.cluster();
        if (!of.name().equals(input.cluster()) || !of.region().equals(input.region())
                || (input.accountId() != null && !of.accountId().equals(input.accountId()))) {
            throw new InvalidInputException("event field 'input.cluster': '" + input.cluster() + "' in " + input.region()
                    + " is not the cluster of run " + step.runId() + ", which is " + of);
        }
    }

    /** The engine for the input's cluster, in its account (assuming the input's role) and region. */
    public ClusterSession session(PipelineInput input) {
        return execution.session(input.region(), input.assumeRoleArn(), input.cluster());
    }

    public StepContext steps(PipelineInput input) {
        return session(input).steps();
    }
}
