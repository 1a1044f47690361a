package dev.pim.handler;

import dev.pim.migration.apply.AddonPoll;
import dev.pim.migration.apply.AddonSteps;
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
        long now = env.clock().instant().getEpochSecond();
        long startedAt = request.waitStartedAt() != null ? request.waitStartedAt() : now;
        AddonPoll poll = AddonPoll.of(new AddonSteps(env.steps(request.input())), request.runId(), plan, now - startedAt,
                request.input().timeoutSeconds());
        poll.news().ifPresent(news -> Outcomes.record(env.journal(), env.clock(), request.runId(), List.of(news), metrics));
        return new Result(name, poll.status(), poll.started().result().name(), poll.started().detail(), startedAt,
                poll.waitSeconds());
    }
}
