package dev.pim.migration.apply;

import dev.pim.migration.plan.MigrationOptions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One named step of the migration.
 *
 * @param name      the step's name: its state in the state machine and its function ({@code <name>Function}, handler
 *                  {@code dev.pim.handler.<name>Handler} unless the generator builds the step by name)
 * @param purpose   what it does, in a sentence (the state's comment)
 * @param fanout    once, or one worker per role or add-on
 * @param enabledBy the option that turns it on; empty when it always runs
 * @param retries   what it retries on, in order
 * @param action    what it does to a run, in the CLI's run and in its function alike
 */
public record WorkflowStep(String name, String purpose, Fanout fanout, Optional<WorkflowOption> enabledBy,
                           List<RetryPolicy> retries, StepAction action) {

    public WorkflowStep {
        retries = List.copyOf(retries);
        Objects.requireNonNull(action, () -> "workflow step " + name + " has no action: say what it does to a run");
    }

    public boolean enabledIn(MigrationOptions options) {
        return enabledBy.map(o -> o.isSetIn(options)).orElse(true);
    }
}
