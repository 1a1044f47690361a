package dev.pim.migration.port;

/**
 * A service kept throttling after every retry. Lambda handlers let it escape so that the state machine's
 * Retry (which names this class) backs off at the workflow level.
 */
public final class ThrottledException extends RuntimeException {
    public ThrottledException(String message, Throwable cause) {
        super(message, cause);
    }
}
