package dev.pim.local.sqs;

import dev.pim.local.clock.LocalClock;
import org.elasticmq.util.NowProvider;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * ElasticMQ's clock, read from the local cloud's: visibility timeouts, delays and retention run on the emulator's
 * time, so a test (or a Step Functions Wait state) that moves the clock forward makes received messages visible
 * again without sleeping.
 */
final class EmulatorTime extends NowProvider {
    private final LocalClock clock;

    EmulatorTime(LocalClock clock) {
        this.clock = clock;
    }

    @Override
    public long nowMillis() {
        return clock.now().toEpochMilli();
    }

    @Override
    public OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC);
    }
}
