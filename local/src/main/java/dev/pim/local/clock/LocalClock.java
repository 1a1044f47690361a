package dev.pim.local.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The emulator's time: the wall clock plus an offset tests can push forward, so waits cost no real time. */
public final class LocalClock {
    private final AtomicLong offsetMillis = new AtomicLong();

    public Instant now() {
        return Instant.now().plusMillis(offsetMillis.get());
    }

    /** Moves the emulator's time forward (add-ons settle, tokens expire...). */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, got " + by);
        }
        offsetMillis.addAndGet(by.toMillis());
    }

    public void reset() {
        offsetMillis.set(0);
    }
}
