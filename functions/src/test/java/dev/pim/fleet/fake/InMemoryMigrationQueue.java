package dev.pim.fleet.fake;

import dev.pim.fleet.MigrationQueue;
import dev.pim.fleet.MigrationRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The migration queue in memory; a delay over SQS's 15 minutes is refused as SQS refuses it. */
public final class InMemoryMigrationQueue implements MigrationQueue {
    public record Sent(MigrationRequest request, Duration delay) {
    }

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized void send(MigrationRequest request) {
        sent.add(new Sent(request, Duration.ZERO));
    }

    @Override
    public synchronized void sendLater(MigrationRequest request, Duration delay) {
        if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("InvalidParameterValue: DelaySeconds must be 0..900, got " + delay.toSeconds());
        }
        sent.add(new Sent(request, delay));
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }
}
