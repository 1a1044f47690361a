package dev.pim.handler;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The input of one child execution of a role Map, as the Map's {@code ItemBatcher} makes it: the run (the
 * same for every batch) and the indexes of the plan's roles this batch works on. Role indexes, not roles: the
 * plan stays in the plan store and each batch reads its roles from there.
 *
 * @param run   {@code BatchInput}: the validated input, the run and the parent execution
 * @param roles {@code Items}: role indexes into the run's plan
 */
public record RoleBatch(@JsonProperty("BatchInput") StepRequest run, @JsonProperty("Items") List<Integer> roles) {

    /** Checks the event's shape, naming the field at fault; returns the run as a step event. */
    public StepRequest requireRun() {
        if (run == null) {
            throw new InvalidInputException("event field 'BatchInput' is required (the input, runId and executionId the "
                    + "Map's ItemBatcher passes to every batch)");
        }
        if (run.roleIndex() != null || run.addon() != null || run.waitStartedAt() != null) {
            throw new InvalidInputException("event field 'BatchInput' names a run, not a role, add-on or wait: the "
                    + "roles are in 'Items'");
        }
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("event field 'Items' must be a non-empty array of role indexes");
        }
        for (int i = 0; i < roles.size(); i++) {
            Integer index = roles.get(i);
            if (index == null || index < 0) {
                throw new InvalidInputException("event field 'Items[" + i + "]' must be a role index (0 or more), got " + index);
            }
        }
        return run.requireRun();
    }

    /** The step event of one role of this batch, as a Map iteration over single roles would have it. */
    StepRequest role(int index) {
        return new StepRequest(run.input(), run.runId(), index, null, null, run.executionId());
    }
}
