package dev.pim.local.stepfunctions.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One line of execution: the top level or a Map iteration. It has its own virtual time
 * (Wait states and retry delays add to it instead of sleeping) and remembers its last history event, which the
 * next event it records names as previousEventId. Used by one thread at a time.
 */
final class Strand {
    private final ExecutionClock clock;
    private final CancelScope scope;
    private volatile long virtualNanos;
    private long lastEventId;

    Strand(ExecutionClock clock, CancelScope scope, long virtualNanos, long lastEventId) {
        this.clock = clock;
        this.scope = scope;
        this.virtualNanos = virtualNanos;
        this.lastEventId = lastEventId;
    }

    Instant now() {
        return clock.realNow().plusNanos(virtualNanos);
    }

    /** Lets virtual time pass: returns at once. */
    void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        virtualNanos += duration.toNanos();
        clock.reached(now());
    }

    long virtualNanos() {
        return virtualNanos;
    }

    CancelScope scope() {
        return scope;
    }

    long lastEventId() {
        return lastEventId;
    }

    void lastEventId(long id) {
        lastEventId = id;
    }

    /** A strand for a branch or iteration that starts here and now, under {@code childScope}. */
    Strand fork(CancelScope childScope) {
        return new Strand(clock, childScope, virtualNanos, lastEventId);
    }

    /** After branches ran side by side: as late as the latest of them. */
    void join(List<Strand> children) {
        for (Strand child : children) {
            virtualNanos = Math.max(virtualNanos, child.virtualNanos);
        }
    }
}
