package dev.pim.handler;

import dev.pim.app.ClusterSession;
import dev.pim.migration.apply.AddonSteps;
import dev.pim.migration.apply.CreatedAssociations;
import dev.pim.migration.apply.TrustAsWritten;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.BindingVerification;
import dev.pim.migration.verify.VerificationReport;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Verifies the run's bindings and keeps the report in the plan store: OIDC cleanup acts only on verified ones. */
public final class VerifyHandler extends JsonHandler<StepRequest, VerifyHandler.Result> {

    /** How long an add-on's cleared IRSA role may take to settle: well inside the function's 300 s timeout. */
    static final Duration CLEARED_ROLE_SETTLE = Duration.ofSeconds(120);

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
        List<JournalEntry> entries = env.journal().entries(request.runId());
        // RemoveAnnotations only started clearing add-ons' IRSA roles: how each update ended goes in the report.
        Outcomes.record(env.journal(), env.clock(), request.runId(), new AddonSteps(env.steps(request.input()))
                .settleClearedRoles(entries, CLEARED_ROLE_SETTLE), metrics);
        // The run's creates and trust writes happened in other invocations: its journal says what each left.
        VerificationReport report = session.verify(plan.bindings(), plan.providerArn(),
                CreatedAssociations.of(request.runId(), entries), TrustAsWritten.of(entries, plan.roles()));
        env.plans().saveVerification(request.runId(), report);
        int verified = (int) report.bindings().stream().filter(BindingVerification::verified).count();
        metrics.addMetric("BindingsVerified", verified, MetricUnit.COUNT);
        return new Result(report.bindings().size(), verified, report.clean(), report.leftovers());
    }
}
