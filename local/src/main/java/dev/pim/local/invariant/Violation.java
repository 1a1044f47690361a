package dev.pim.local.invariant;

/**
 * One broken promise, with the call after which the monitor saw it.
 *
 * @param cluster {@code account/region/name}, or the account for a trust policy
 * @param subject what is at fault: a workload, a pod, a service account, a role
 * @param call    the mutating call after which it was seen; null for a check made on demand
 */
public record Violation(Invariant invariant, String cluster, String subject, String detail, Call call) {

    public enum Invariant {
        /** A workload that had AWS access at the start has no working credential path (or its running pods lost theirs). */
        CREDENTIAL_PATH,
        /** A service account can get a role it could not get at the start, and nobody named the pair. */
        NO_WIDENING,
        /** A trust policy was changed before its original was in the journal. */
        NO_LOSS
    }

    /**
     * A call the emulator served.
     *
     * @param sequence  the how-many-th mutating call since the baseline (1-based)
     * @param operation {@code service:Operation}, as counters name it
     * @param target    the method and path, and the role for IAM calls
     */
    public record Call(long sequence, String operation, String target) {
        @Override
        public String toString() {
            return "#" + sequence + " " + operation + " " + target;
        }
    }

    /** What identifies the violation while it lasts: the same broken promise is recorded once. */
    String key() {
        return invariant + "|" + cluster + "|" + subject + "|" + detail;
    }

    @Override
    public String toString() {
        return invariant + " " + cluster + " " + subject + ": " + detail + (call == null ? "" : " (after " + call + ")");
    }
}
