package dev.pim.migration.apply;

/**
 * What a workflow step does to a run: the CLI's run calls it in the workflow's order, and a step's Lambda function
 * that runs once calls the same action for its invocation, so the two cannot do different things.
 */
@FunctionalInterface
public interface StepAction {

    /** @return false to stop the run there (it still reports) */
    boolean carryOut(MigrationRun run);
}
