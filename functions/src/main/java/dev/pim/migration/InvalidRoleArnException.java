package dev.pim.migration;

/** A role ARN that cannot be used, and why. */
public final class InvalidRoleArnException extends IllegalArgumentException {
    private final String arn;
    private final String reason;

    public InvalidRoleArnException(String arn, String reason) {
        super("'" + arn + "' is not a usable IAM role ARN: " + reason);
        this.arn = arn;
        this.reason = reason;
    }

    public String arn() {
        return arn;
    }

    public String reason() {
        return reason;
    }
}
