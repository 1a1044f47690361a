package dev.pim.migration.port;

/**
 * EKS refused a role that IAM has (or is about to have) in a usable state: "Role provided in the request does
 * not exist" or "Trust policy of the role provided is invalid" right after a change. IAM is eventually
 * consistent, so these are retried with backoff before they count as failures.
 */
public final class RoleNotYetUsableException extends RuntimeException {
    public RoleNotYetUsableException(String message) {
        super(message);
    }
}
