package dev.pim.handler;

import dev.pim.migration.apply.AssociationSteps;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.journal.PlanStore;
import dev.pim.migration.plan.Binding;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.function.Supplier;

/** One Map iteration, after its role's trust: the standalone associations made with that role. */
public final class CreateAssociationsHandler extends JsonHandler<StepRequest, StepSummary> {

    public CreateAssociationsHandler() {
        this(HandlerEnvironment::shared);
    }

    public CreateAssociationsHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected StepSummary handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        PlanStore.RoleWork work = env.role(request);
        put("role", work.role().roleArn());
        List<Binding> bindings = work.bindings().stream()
                .filter(b -> b.migratable() && b.addon() == null && work.role().roleArn().equals(b.associationRoleArn()))
                .toList();
        List<StepResult> results = new AssociationSteps(env.steps(request.input())).create(request.runId(), bindings);
        Outcomes.record(env.journal(), env.clock(), request.runId(), results, metrics);
        return StepSummary.of("association", results);
    }
}
