package dev.pim.local.stepfunctions.engine;

/**
 * Unwinds a strand that must not go on: not a States error, so Retry and Catch never see it.
 */
final class ExecutionInterrupted extends RuntimeException {

    enum Reason {
        /** StopExecution (or the local cloud's reset). */
        STOPPED,
        /** A sibling iteration failed; this one is abandoned. */
        CANCELLED
    }

    private final Reason reason;

    ExecutionInterrupted(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
