package dev.pim.fleet;

import java.time.Duration;

/** Where the fleet scan puts migration requests, and the dispatcher those it must retry later. */
public interface MigrationQueue {
    void send(MigrationRequest request);

    /** Sends the request again, to be delivered after {@code delay} (at most 15 minutes, as SQS allows). */
    void sendLater(MigrationRequest request, Duration delay);
}
