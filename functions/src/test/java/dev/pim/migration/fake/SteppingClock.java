package dev.pim.migration.fake;

import dev.pim.migration.apply.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when its sleeper sleeps: waits and timeouts cost nothing and end deterministically. */
public final class SteppingClock extends Clock {
    private Instant now;

    public SteppingClock(Instant start) {
        this.now = start;
    }

    public Sleeper sleeper() {
        return this::advance;
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
