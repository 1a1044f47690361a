package dev.pim.handler;

/**
 * An execution input or handler event that cannot be used, naming the field at fault. The state machine does
 * not retry it: it fails the execution at once with this message as the cause.
 */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
