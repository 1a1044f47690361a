package dev.pim.fleet;

/** An account, region or cluster the fleet scan cannot read; the message says why (the service's own words). */
public final class FleetAccessException extends RuntimeException {
    public FleetAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
