package dev.pim.local.fault;

import java.util.Locale;

/**
 * Applies a call but loses its answer, as a network or a load balancer can: the state changes, and the caller sees
 * an internal error or a dropped connection, so it cannot tell whether the call took effect. Fires on the
 * {@code nthCall}-th call of the operation that is applied (a 2xx answer; counting from 1 after the rule is set), or
 * on each applied call with {@code probability} (seedable, as error rules).
 *
 * @param operation an operation key such as {@code eks:CreatePodIdentityAssociation}
 * @param times     how many responses at most to lose; 0 means no limit
 * @param mode      what the caller sees instead of the answer
 */
public record LostResponse(String operation, double probability, int nthCall, int times, Mode mode) {

    public enum Mode {
        /** The service's own internal error (IAM {@code ServiceFailure}, EKS {@code ServerException}, a Kubernetes 500 Status...). */
        ERROR,
        /** The connection closes before any byte of the answer: the client reads end of stream where the status line was due. */
        DROP;

        /** {@code error} or {@code drop}, as the admin API names them. */
        public static Mode named(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a lost response's mode is 'error' or 'drop', got '" + name + "'");
            }
        }
    }

    public LostResponse {
        if (operation == null || !operation.contains(":")) {
            throw new IllegalArgumentException("a lost response needs an operation like 'iam:UpdateAssumeRolePolicy', got "
                    + operation);
        }
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be within 0..1, got " + probability);
        }
        if (nthCall < 0 || times < 0) {
            throw new IllegalArgumentException("nthCall and times must not be negative");
        }
        if (probability == 0 && nthCall == 0) {
            throw new IllegalArgumentException("a lost response for " + operation + " needs a probability or an nthCall");
        }
        if (mode == null) {
            throw new IllegalArgumentException("a lost response needs a mode: ERROR or DROP");
        }
    }

    /** Loses the answer to the {@code nthCall}-th applied call of the operation, once. */
    public static LostResponse onCall(String operation, int nthCall, Mode mode) {
        return new LostResponse(operation, 0, nthCall, 1, mode);
    }

    /** Loses the answer to each applied call of the operation with {@code probability}, without limit. */
    public static LostResponse withProbability(String operation, double probability, Mode mode) {
        return new LostResponse(operation, probability, 0, 0, mode);
    }

    public LostResponse times(int times) {
        return new LostResponse(operation, probability, nthCall, times, mode);
    }
}
