package dev.pim.fleet;

/** Where the fleet scan (and the EventBridge rule) put migration requests. */
public interface MigrationQueue {
    void send(MigrationRequest request);
}
