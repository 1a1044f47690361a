package dev.pim.handler;

import dev.pim.migration.apply.AddonSteps;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.apply.WorkloadSteps;
import dev.pim.migration.plan.MigrationPlan;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.function.Supplier;

/**
 * Removes the IRSA annotations where the association exists and every pod runs with Pod Identity, and clears the
 * IRSA role of add-ons whose service accounts all moved.
 */
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
        var steps = env.steps(request.input());
        List<StepResult> results = new java.util.ArrayList<>(new WorkloadSteps(steps).removeAnnotations(request.runId(), plan.bindings()));
        // Started, not waited for: the add-on settles while the next states run.
        results.addAll(new AddonSteps(steps).clearRoles(request.runId(), plan.bindings(), null));
        Outcomes.record(env.journal(), env.clock(), request.runId(), results, metrics);
        // The state's summary counts the annotations; the add-on roles' outcomes are in the journal and the report.
        return StepSummary.of("annotation", results.stream().filter(r -> r.step().equals("annotation")).toList());
    }
}
