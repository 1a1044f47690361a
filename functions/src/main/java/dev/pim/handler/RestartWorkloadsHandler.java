package dev.pim.handler;

import dev.pim.migration.apply.StepResult;
import dev.pim.migration.apply.WorkloadSteps;
import dev.pim.migration.plan.MigrationPlan;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.function.Supplier;

/**
 * Rollout restarts of the workloads whose service accounts now have their association, a budget at a time,
 * waiting for each batch. Workloads whose pods already run with Pod Identity are left alone, so a retry after
 * a Lambda timeout goes on where it stopped.
 */
public final class RestartWorkloadsHandler extends JsonHandler<StepRequest, StepSummary> {

    public RestartWorkloadsHandler() {
        this(HandlerEnvironment::shared);
    }

    public RestartWorkloadsHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected StepSummary handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        request.requireRun();
        MigrationPlan plan = env.plans().plan(request.runId());
        WorkloadSteps steps = new WorkloadSteps(env.steps(request.input()));
        List<StepResult> results = steps.restart(request.runId(), steps.workloadsToRestart(plan.bindings()),
                request.input().restartBudget(), plan.options().timeout());
        Outcomes.record(env.journal(), env.clock(), request.runId(), results, metrics);
        return StepSummary.of("restart", results);
    }

}
