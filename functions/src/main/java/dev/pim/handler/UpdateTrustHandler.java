package dev.pim.handler;

import dev.pim.migration.apply.StepResult;
import dev.pim.migration.apply.TrustSteps;
import dev.pim.migration.journal.PlanStore;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.function.Supplier;

/**
 * One Map iteration: adds the Pod Identity statement to one role's trust policy (once, whatever number of
 * bindings share the role). A role the plan refused (over the quota...) fails here without a write.
 */
public final class UpdateTrustHandler extends JsonHandler<StepRequest, StepSummary> {

    public UpdateTrustHandler() {
        this(HandlerEnvironment::shared);
    }

    public UpdateTrustHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected StepSummary handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        PlanStore.RoleWork work = env.role(request);
        put("role", work.role().roleArn());
        StepResult result = work.role().refused()
                ? StepResult.failed("trust", work.role().roleArn(), work.role().refusal())
                : new TrustSteps(env.steps(request.input())).addPodIdentity(request.runId(), work.role().roleArn(),
                work.role().quota(), work.role().podIdentityScope());
        Outcomes.record(env.journal(), env.clock(), request.runId(), List.of(result), metrics);
        return StepSummary.of("trust", List.of(result));
    }
}
