package dev.pim.handler;

import dev.pim.migration.apply.TrustSteps;
import dev.pim.migration.plan.AssociationQuota;
import dev.pim.migration.plan.ExecutionLimits;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.SkippedContainersNotAcceptedException;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Discovery and the plan. The plan goes to the plan store; the state machine gets only role indexes and
 * add-on names to fan out over. When the run is approved, every planned role's trust policy is saved to the
 * journal here, before any later state writes one.
 */
public final class DiscoverHandler extends JsonHandler<StepRequest, DiscoveryResult> {

    public DiscoverHandler() {
        this(HandlerEnvironment::shared);
    }

    public DiscoverHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected DiscoveryResult handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        request.requireRun();
        PipelineInput input = request.input();
        MigrationPlan planned = env.session(input).plan(input.options());
        ExecutionLimits limits = ExecutionLimits.of(planned, input.roleBatchSize(), input.maxConcurrency(),
                input.jsonBytes(), input.timeoutSeconds());
        Optional<String> refusal = limits.refusal(input.cluster());
        MigrationPlan plan = refusal.map(planned::withWarning).orElse(planned);
        env.plans().save(request.runId(), plan);
        if (plan.options().approve()) {
            // Refused before any change: a run that passed a quota half-way would leave the cluster half-migrated.
            // First EKS's association quota: no batch size helps a cluster over it.
            AssociationQuota.refusal(plan.preflight()).ifPresent(q -> {
                throw new AssociationQuotaExceededException(q);
            });
            refusal.ifPresent(r -> {
                throw new ClusterTooLargeException(r);
            });
            if (!plan.unacceptedSkippedContainers().isEmpty()) {
                throw new InvalidInputException("input field 'acceptSkippedContainers' is not true: "
                        + new SkippedContainersNotAcceptedException(plan.unacceptedSkippedContainers()).getMessage());
            }
            new TrustSteps(env.steps(input)).saveOriginals(request.runId(), plan.roles(), plan.options().concurrency());
        }
        plan.countsByClass().forEach((c, n) -> metrics.flushSingleMetric("Bindings", n, MetricUnit.COUNT,
                JsonHandler.METRICS_NAMESPACE, DimensionSet.of("Class", c.name())));
        return DiscoveryResult.of(plan, limits);
    }
}
