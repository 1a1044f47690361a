package dev.pim.json;

/** A JSON document that cannot be read as what it should be; the message names the field at fault and why. */
public final class InvalidJsonException extends IllegalArgumentException {
    public InvalidJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
