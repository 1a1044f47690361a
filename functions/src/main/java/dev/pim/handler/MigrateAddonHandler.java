package dev.pim.handler;

import dev.pim.migration.apply.AddonSteps;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.plan.AddonPlan;
import dev.pim.migration.plan.WaitSchedule;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.function.Supplier;

/**
 * One add-on: starts its {@code UpdateAddon} (keeping the associations it owns) unless already done or still
 * settling, and returns its status for the state machine's Wait/Choice loop, which calls it again until ACTIVE.
 */
public final class MigrateAddonHandler extends JsonHandler<StepRequest, MigrateAddonHandler.Result> {
    private static final java.util.Set<String> PENDING_STATES = java.util.Set.of("UPDATING", "CREATING");
    private static final java.util.Set<String> FAILED_STATES = java.util.Set.of("UPDATE_FAILED", "CREATE_FAILED", "DEGRADED",
            "DELETE_FAILED", "MISSING");

    /**
     * @param status    the add-on's status after this call: ACTIVE, UPDATING, UPDATE_FAILED, DEGRADED..., or
     *                  TIMED_OUT once the input's timeout passed
     * @param startedAt epoch seconds of the first call, which the next polls pass back as {@code waitStartedAt}
     * @param waitSeconds before the next poll while the add-on settles ({@link WaitSchedule}), 0 once it has
     */
    public record Result(String addon, String status, String result, String detail, long startedAt, int waitSeconds) {
    }

    public MigrateAddonHandler() {
        this(HandlerEnvironment::shared);
    }

    public MigrateAddonHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected Result handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        String name = request.requireAddon();
        AddonPlan plan = env.plans().plan(request.runId()).addons().stream().filter(a -> a.addon().equals(name))
                .findFirst().orElseThrow(() -> new InvalidInputException("event field 'addon': run " + request.runId()
                        + " plans no add-on named '" + name + "'"));
        AddonSteps steps = new AddonSteps(env.steps(request.input()));
        long now = env.clock().instant().getEpochSecond();
        long startedAt = request.waitStartedAt() != null ? request.waitStartedAt() : now;
        StepResult started = steps.start(request.runId(), plan);
        String status = started.failed() ? "UPDATE_FAILED" : steps.status(name);
        if (PENDING_STATES.contains(status) && now - startedAt >= request.input().timeoutSeconds()) {
            StepResult timedOut = StepResult.failed("addon", name, "still " + status + " after " + (now - startedAt)
                    + " s (timeoutSeconds " + request.input().timeoutSeconds() + ")");
            Outcomes.record(env.journal(), env.clock(), request.runId(), List.of(timedOut), metrics);
            return new Result(name, "TIMED_OUT", timedOut.result().name(), timedOut.detail(), startedAt, 0);
        }
        // Only a start or an end is news: the polls in between would count the same add-on again.
        StepResult outcome = started.failed() || started.result() == StepResult.Result.DONE ? started
                : FAILED_STATES.contains(status) ? StepResult.failed("addon", name, "the add-on is " + status + " after UpdateAddon")
                : null;
        if (outcome != null) {
            Outcomes.record(env.journal(), env.clock(), request.runId(), List.of(outcome), metrics);
        }
        return new Result(name, status, started.result().name(), started.detail(), startedAt,
                PENDING_STATES.contains(status) ? WaitSchedule.nextWait(now - startedAt, request.input().timeoutSeconds()) : 0);
    }
}
