package dev.pim.migration.port;

/** IAM refused a trust policy: over the size quota, malformed, or a role only AWS may change. */
public final class TrustPolicyRejectedException extends RuntimeException {
    private final String code;

    public TrustPolicyRejectedException(String roleName, String code, String message) {
        super("IAM refused the trust policy of role " + roleName + ": " + code + ": " + message);
        this.code = code;
    }

    /** IAM's error code: LimitExceeded, MalformedPolicyDocument, UnmodifiableEntity, NoSuchEntity. */
    public String code() {
        return code;
    }
}
