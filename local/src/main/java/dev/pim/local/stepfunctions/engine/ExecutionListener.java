package dev.pim.local.stepfunctions.engine;

/**
 * Hears every history event as it is recorded, in id order, so a caller can follow an execution state by
 * state. Called on the execution's threads, one event at a time, before the recording strand moves on: keep it
 * quick (a slow listener slows the execution).
 */
@FunctionalInterface
public interface ExecutionListener {
    ExecutionListener NONE = (execution, event) -> {
    };

    void onEvent(ExecutionRun execution, HistoryEvent event);
}
