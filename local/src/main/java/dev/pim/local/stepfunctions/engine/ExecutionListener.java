package dev.pim.local.stepfunctions.engine;

/**
 * Hears every history event as it is recorded, in order, so a caller can follow an execution state by state.
 * Called on the execution's threads while the history is locked: keep it quick and do not call back into the
 * execution.
 */
@FunctionalInterface
public interface ExecutionListener {
    ExecutionListener NONE = (execution, event) -> {
    };

    void onEvent(ExecutionRun execution, HistoryEvent event);
}
