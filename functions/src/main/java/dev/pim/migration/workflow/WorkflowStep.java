package dev.pim.migration.workflow;

import dev.pim.migration.plan.MigrationOptions;

import java.util.List;
import java.util.Optional;

/**
 * One named step of the migration.
 *
 * @param name      the step's name: its state in the state machine and its function ({@code <name>Function})
 * @param purpose   what it does, in a sentence (the state's comment)
 * @param fanout    once, or one worker per role or add-on
 * @param enabledBy the option that turns it on; empty when it always runs
 * @param retries   what it retries on, in order
 */
public record WorkflowStep(String name, String purpose, Fanout fanout, Optional<WorkflowOption> enabledBy,
                           List<RetryPolicy> retries) {

    public WorkflowStep {
        retries = List.copyOf(retries);
    }

    public boolean enabledIn(MigrationOptions options) {
        return enabledBy.map(o -> o.isSetIn(options)).orElse(true);
    }
}
