package dev.pim.migration.trust;

/**
 * A role's trust policy cannot be read: it is not JSON, not an object, or has no usable {@code Statement}.
 * The message names the role and what is wrong, so it can go into a report as it is.
 */
public final class TrustPolicyException extends RuntimeException {
    public TrustPolicyException(String message) {
        super(message);
    }

    public TrustPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
