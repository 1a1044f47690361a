package dev.pim.handler;

import dev.pim.app.ClusterSession;
import dev.pim.migration.apply.CreatedAssociations;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.BindingVerification;
import dev.pim.migration.verify.VerificationReport;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.function.Supplier;

/** Verifies the run's bindings and keeps the report in the plan store: OIDC cleanup acts only on verified ones. */
public final class VerifyHandler extends JsonHandler<StepRequest, VerifyHandler.Result> {

    public record Result(int bindings, int verified, boolean clean, long leftovers) {
    }

    public VerifyHandler() {
        this(HandlerEnvironment::shared);
    }

    public VerifyHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected Result handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        request.requireRun();
        MigrationPlan plan = env.plans().plan(request.runId());
        ClusterSession session = env.session(request.input());
        // The run's creates happened in other invocations: its journal says which role each has.
        VerificationReport report = session.verify(plan.bindings(), plan.providerArn(),
                CreatedAssociations.of(request.runId(), env.journal().entries(request.runId())));
        env.plans().saveVerification(request.runId(), report);
        int verified = (int) report.bindings().stream().filter(BindingVerification::verified).count();
        metrics.addMetric("BindingsVerified", verified, MetricUnit.COUNT);
        return new Result(report.bindings().size(), verified, report.clean(), report.leftovers());
    }
}
