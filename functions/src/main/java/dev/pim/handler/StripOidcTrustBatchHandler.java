package dev.pim.handler;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.apply.TrustSteps;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.journal.PlanStore;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.VerificationReport;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One child execution of the cleanup: removes this cluster's subjects from each role of the batch, only for
 * bindings the verify state verified (other clusters' and other providers' statements stay). The verification,
 * the plan's header and the service accounts are read once per batch, not once per role.
 */
public final class StripOidcTrustBatchHandler extends JsonHandler<RoleBatch, BatchSummary> {

    public StripOidcTrustBatchHandler() {
        this(HandlerEnvironment::shared);
    }

    public StripOidcTrustBatchHandler(Supplier<HandlerEnvironment> environment) {
        super(RoleBatch.class, environment);
    }

    @Override
    protected BatchSummary handle(RoleBatch batch, HandlerEnvironment env, Metrics metrics) {
        StepRequest run = batch.requireRun();
        env.requireRunOf(run);
        VerificationReport verification = env.plans().verification(run.runId()).orElseThrow(() ->
                new InvalidInputException("run " + run.runId() + " has no verification yet: the verify state comes first"));
        MigrationPlan plan = env.plans().plan(run.runId());
        List<ServiceAccountRef> existing = env.session(run.input()).kubernetes().serviceAccounts().stream()
                .map(ServiceAccountInfo::ref).toList();
        // Which subjects may go is decided on the plan's policy: the trust step adds Pod Identity and leaves the OIDC
        // statements as they were. The edit itself reads the role again under its lease, once.
        Map<String, RoleInfo> planned = new ConcurrentHashMap<>();
        TrustSteps trust = new TrustSteps(env.steps(run.input()), planned);
        RoleBatchRunner.Outcome outcome = RoleBatchRunner.run(batch, role -> {
            PlanStore.RoleWork work = env.role(role, "Items");
            if (work.role().trustBefore() != null) {
                planned.put(work.role().roleArn(), new RoleInfo(work.role().roleArn(), work.role().roleName(), null,
                        work.role().trustBefore(), Map.of()));
            }
            StepResult result = trust.stripVerified(role.runId(), work.role().roleArn(), plan.providerArn(), work.bindings(),
                    existing, verification.verified(), plan.options().removeWildcardOidcTrust());
            Outcomes.journal(env.journal(), env.clock(), role.runId(), List.of(result));
            return List.of(result);
        });
        Outcomes.count(metrics, outcome.results());
        return outcome.summary(batch.roles().size());
    }
}
