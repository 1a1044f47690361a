package dev.pim.migration.apply;

import dev.pim.migration.plan.AddonPlan;
import dev.pim.migration.plan.WaitSchedule;

import java.util.Optional;
import java.util.Set;

/**
 * One call of a state machine's add-on loop: start the add-on's {@code UpdateAddon} unless already done or still
 * settling, then read where it stands. The loop calls again, after {@link #waitSeconds()}, until it settles.
 *
 * @param status      ACTIVE, UPDATING, UPDATE_FAILED, DEGRADED..., or TIMED_OUT once the timeout passed
 * @param started     what starting the update did (DONE, UNCHANGED when it was already done or under way, FAILED)
 * @param news        the outcome to record, if this call is news: a start, a failure or the timeout (the polls in
 *                    between would count the same add-on again)
 * @param waitSeconds before the next poll while the add-on settles ({@link WaitSchedule}), 0 once it has
 */
public record AddonPoll(String status, StepResult started, Optional<StepResult> news, int waitSeconds) {
    private static final Set<String> PENDING_STATES = Set.of("UPDATING", "CREATING");
    private static final Set<String> FAILED_STATES = Set.of("UPDATE_FAILED", "CREATE_FAILED", "DEGRADED", "DELETE_FAILED",
            "MISSING");
    public static final String TIMED_OUT = "TIMED_OUT";

    /** @param waited seconds since the loop's first call */
    public static AddonPoll of(AddonSteps steps, String runId, AddonPlan plan, long waited, int timeoutSeconds) {
        String name = plan.addon();
        StepResult started = steps.start(runId, plan);
        String status = started.failed() ? "UPDATE_FAILED" : steps.status(name);
        if (PENDING_STATES.contains(status) && waited >= timeoutSeconds) {
            StepResult timedOut = StepResult.failed("addon", name, "still " + status + " after " + waited
                    + " s (timeoutSeconds " + timeoutSeconds + ")");
            return new AddonPoll(TIMED_OUT, timedOut, Optional.of(timedOut), 0);
        }
        Optional<StepResult> news = started.failed() || started.result() == StepResult.Result.DONE ? Optional.of(started)
                : FAILED_STATES.contains(status) ? Optional.of(StepResult.failed("addon", name, "the add-on is " + status
                + " after UpdateAddon")) : Optional.empty();
        return new AddonPoll(status, started, news,
                PENDING_STATES.contains(status) ? WaitSchedule.nextWait(waited, timeoutSeconds) : 0);
    }
}
