package dev.pim.handler;

import dev.pim.migration.apply.TrustSteps;
import dev.pim.migration.plan.BindingClass;
import dev.pim.migration.plan.ExecutionLimits;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.RolePlan;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Discovery and the plan. The plan goes to the plan store; the state machine gets only role indexes and
 * add-on names to fan out over. When the run is approved, every planned role's trust policy is saved to the
 * journal here, before any later state writes one.
 */
public final class DiscoverHandler extends JsonHandler<StepRequest, DiscoverHandler.Result> {

    /**
     * @param roleIndexes the Map items of the role states: 0..roles-1
     * @param byClass     bindings per class label
     * @param needsAgent  whether anything will use the Pod Identity agent (an association, an add-on): only then is
     *                    it installed
     * @param roleBatches child executions of the role Maps at once ({@link ExecutionLimits#mapConcurrency})
     */
    public record Result(int bindings, int migratable, Map<String, Long> byClass, List<Integer> roleIndexes,
                         List<String> addons, boolean changes, boolean needsAgent, int roleBatches) {
    }

    public DiscoverHandler() {
        this(HandlerEnvironment::shared);
    }

    public DiscoverHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected Result handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        request.requireRun();
        PipelineInput input = request.input();
        MigrationPlan planned = env.session(input).plan(input.options());
        ExecutionLimits limits = ExecutionLimits.of(planned, input.roleBatchSize(), input.maxConcurrency(),
                inputBytes(input), input.timeoutSeconds());
        Optional<String> refusal = limits.refusal(input.cluster());
        MigrationPlan plan = refusal.map(r -> withWarning(planned, r)).orElse(planned);
        env.plans().save(request.runId(), plan);
        if (refusal.isPresent() && plan.options().approve()) {
            // Refused before any change: a run that passed a quota half-way would leave the cluster half-migrated.
            throw new ClusterTooLargeException(refusal.get());
        }
        if (plan.options().approve()) {
            new TrustSteps(env.steps(request.input())).saveOriginals(request.runId(),
                    plan.roles().stream().map(RolePlan::roleArn).toList());
        }
        Map<String, Long> byClass = new LinkedHashMap<>();
        plan.countsByClass().forEach((c, n) -> {
            byClass.put(c.label(), n);
            metrics.flushSingleMetric("Bindings", n, MetricUnit.COUNT, JsonHandler.METRICS_NAMESPACE,
                    DimensionSet.of("Class", c.name()));
        });
        return new Result(plan.bindings().size(), (int) (long) plan.countsByClass().getOrDefault(BindingClass.MIGRATABLE, 0L),
                byClass, IntStream.range(0, plan.roles().size()).boxed().toList(),
                plan.addons().stream().map(a -> a.addon()).toList(), plan.hasChanges(), plan.createsAssociations(),
                limits.mapConcurrency());
    }

    private static int inputBytes(PipelineInput input) {
        try {
            return JSON.writeValueAsBytes(input).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the input as JSON", e);
        }
    }

    private static MigrationPlan withWarning(MigrationPlan plan, String warning) {
        List<String> warnings = new java.util.ArrayList<>(plan.warnings());
        warnings.add(warning);
        return new MigrationPlan(plan.cluster(), plan.preflight(), plan.bindings(), plan.roles(), plan.addons(),
                plan.installAgentVersion(), plan.providerArn(), plan.options(), warnings);
    }
}
