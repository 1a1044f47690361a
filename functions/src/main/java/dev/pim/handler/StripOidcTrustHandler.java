package dev.pim.handler;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.apply.TrustSteps;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.journal.PlanStore;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.VerificationReport;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.function.Supplier;

/**
 * One Map iteration of the cleanup: removes this cluster's subjects from one role, only for bindings the
 * verify state verified (other clusters' and other providers' statements stay).
 */
public final class StripOidcTrustHandler extends JsonHandler<StepRequest, StepSummary> {

    public StripOidcTrustHandler() {
        this(HandlerEnvironment::shared);
    }

    public StripOidcTrustHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected StepSummary handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        PlanStore.RoleWork work = env.role(request);
        put("role", work.role().roleArn());
        VerificationReport verification = env.plans().verification(request.runId()).orElseThrow(() ->
                new InvalidInputException("run " + request.runId() + " has no verification yet: the verify state comes first"));
        MigrationPlan plan = env.plans().plan(request.runId());
        List<ServiceAccountRef> existing = env.session(request.input()).kubernetes().serviceAccounts().stream()
                .map(ServiceAccountInfo::ref).toList();
        StepResult result = new TrustSteps(env.steps(request.input())).stripVerified(request.runId(), work.role().roleArn(),
                plan.providerArn(), work.bindings(), existing, verification.verified(), plan.options().removeWildcardOidcTrust());
        Outcomes.record(env.journal(), env.clock(), request.runId(), List.of(result), metrics);
        return StepSummary.of("oidc-cleanup", List.of(result));
    }
}
