package dev.pim.handler;

import dev.pim.migration.apply.AssociationSteps;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.apply.TrustSteps;
import dev.pim.migration.journal.PlanStore;
import dev.pim.migration.plan.Binding;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One child execution of MigrateRoles: for each role of the batch, its trust policy once, then the standalone
 * associations made with it (none when the trust failed: they need it). A role the plan refused fails without a
 * write. Each role's outcomes go to the journal as they happen; the batch returns counts.
 */
public final class MigrateRoleBatchHandler extends JsonHandler<RoleBatch, BatchSummary> {

    public MigrateRoleBatchHandler() {
        this(HandlerEnvironment::shared);
    }

    public MigrateRoleBatchHandler(Supplier<HandlerEnvironment> environment) {
        super(RoleBatch.class, environment);
    }

    @Override
    protected BatchSummary handle(RoleBatch batch, HandlerEnvironment env, Metrics metrics) {
        StepRequest run = batch.requireRun();
        env.requireRunOf(run);
        RoleBatchRunner.Outcome outcome = RoleBatchRunner.run(batch, role -> migrate(role, env));
        Outcomes.count(metrics, outcome.results());
        return outcome.summary(batch.roles().size());
    }

    private static List<StepResult> migrate(StepRequest request, HandlerEnvironment env) {
        PlanStore.RoleWork work = env.role(request, "Items");
        String roleArn = work.role().roleArn();
        StepResult trust = work.role().refused()
                ? StepResult.failed("trust", roleArn, work.role().refusal())
                : new TrustSteps(env.steps(request.input())).addPodIdentity(request.runId(), roleArn, work.role().quota(),
                work.role().podIdentityScope());
        Outcomes.journal(env.journal(), env.clock(), request.runId(), List.of(trust));
        List<StepResult> results = new ArrayList<>(List.of(trust));
        if (trust.failed()) {
            return results;
        }
        List<Binding> bindings = work.bindings().stream()
                .filter(b -> b.migratable() && b.addon() == null && roleArn.equals(b.associationRoleArn()))
                .toList();
        List<StepResult> associations = new AssociationSteps(env.steps(request.input())).create(request.runId(), bindings);
        Outcomes.journal(env.journal(), env.clock(), request.runId(), associations);
        results.addAll(associations);
        return results;
    }
}
