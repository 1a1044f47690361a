package dev.pim.handler;

/**
 * The event every step after preflight receives: the validated execution input, the run, and for Map
 * iterations which role or add-on.
 *
 * @param waitStartedAt epoch seconds when a wait (agent install, add-on update) started, for its timeout; or null
 * @param executionId    the Step Functions execution ({@code $$.Execution.Id}), for the logs
 */
public record StepRequest(PipelineInput input, String runId, Integer roleIndex, String addon, Long waitStartedAt,
                          String executionId) {

    public StepRequest requireRun() {
        if (input == null) {
            throw new InvalidInputException("event field 'input' is required (the validated execution input)");
        }
        if (runId == null || runId.isBlank()) {
            throw new InvalidInputException("event field 'runId' is required");
        }
        if (roleIndex != null && roleIndex < 0) {
            throw badRoleIndex();
        }
        input.requireValidated();
        return this;
    }

    public int requireRoleIndex() {
        requireRun();
        if (roleIndex == null) {
            throw badRoleIndex();
        }
        return roleIndex;
    }

    private InvalidInputException badRoleIndex() {
        return new InvalidInputException("event field 'roleIndex' must be a role index (0 or more), got " + roleIndex);
    }

    public String requireAddon() {
        requireRun();
        if (addon == null || addon.isBlank()) {
            throw new InvalidInputException("event field 'addon' is required (the add-on to migrate)");
        }
        return addon;
    }
}
