package dev.pim.local.stepfunctions.engine;

/**
 * Whether a strand should stop at its next state: set for the siblings of a failed Map
 * iteration, and (through the parent chain) when the whole execution is stopped.
 */
final class CancelScope {
    private final CancelScope parent;
    private volatile boolean cancelled;

    CancelScope(CancelScope parent) {
        this.parent = parent;
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled || (parent != null && parent.cancelled());
    }

    CancelScope child() {
        return new CancelScope(this);
    }
}
