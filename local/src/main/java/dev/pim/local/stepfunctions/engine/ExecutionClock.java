package dev.pim.local.stepfunctions.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * An execution's real time: the instant it started (from the emulator's clock) plus the real time elapsed
 * since. Each {@link Strand} adds its own virtual time on top. When a strand's virtual time moves past an
 * instant, {@code reached} hears of it, so the local cloud can move its own clock along (IAM propagation,
 * add-on settling, token expiry see the waits as having happened).
 */
final class ExecutionClock {
    private final Instant start;
    private final long startNanos;
    private final Consumer<Instant> reached;

    ExecutionClock(Instant start, Consumer<Instant> reached) {
        this.start = start;
        this.startNanos = System.nanoTime();
        this.reached = reached;
    }

    Instant start() {
        return start;
    }

    Instant realNow() {
        return start.plus(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    void reached(Instant virtualNow) {
        reached.accept(virtualNow);
    }
}
