package dev.pim.handler;

import dev.pim.migration.apply.StepResult;
import dev.pim.migration.apply.WorkloadSteps;
import dev.pim.migration.plan.MigrationPlan;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.function.Supplier;

/** Removes the IRSA annotation where the association exists and every pod runs with Pod Identity. */
public final class RemoveAnnotationsHandler extends JsonHandler<StepRequest, StepSummary> {

    public RemoveAnnotationsHandler() {
        this(HandlerEnvironment::shared);
    }

    public RemoveAnnotationsHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected StepSummary handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        request.requireRun();
        MigrationPlan plan = env.plans().plan(request.runId());
        List<StepResult> results = new WorkloadSteps(env.steps(request.input())).removeAnnotations(request.runId(), plan.bindings());
        Outcomes.record(env.journal(), env.clock(), request.runId(), results, metrics);
        return StepSummary.of("annotation", results);
    }
}
