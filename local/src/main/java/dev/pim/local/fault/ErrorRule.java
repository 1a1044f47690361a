package dev.pim.local.fault;

/**
 * Makes an operation fail: on its {@code nthCall}-th call (counting from 1 after the rule is set), or
 * at random with {@code probability}. {@code code}/{@code status}/{@code message} default to the
 * service's own internal-error answer when null/0.
 *
 * @param operation an operation key such as {@code eks:CreatePodIdentityAssociation}
 * @param times     how many failures at most; 0 means no limit
 */
public record ErrorRule(String operation, double probability, int nthCall, int times, String code, int status,
                        String message) {

    public ErrorRule {
        if (operation == null || !operation.contains(":")) {
            throw new IllegalArgumentException("error rule needs an operation like 'iam:GetRole', got " + operation);
        }
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be within 0..1, got " + probability);
        }
        if (nthCall < 0 || times < 0) {
            throw new IllegalArgumentException("nthCall and times must not be negative");
        }
        if (probability == 0 && nthCall == 0) {
            throw new IllegalArgumentException("error rule for " + operation + " needs a probability or an nthCall");
        }
    }

    public static ErrorRule onCall(String operation, int nthCall) {
        return new ErrorRule(operation, 0, nthCall, 1, null, 0, null);
    }

    public static ErrorRule withProbability(String operation, double probability) {
        return new ErrorRule(operation, probability, 0, 0, null, 0, null);
    }

    public ErrorRule answering(String code, int status, String message) {
        return new ErrorRule(operation, probability, nthCall, times, code, status, message);
    }

    public ErrorRule times(int times) {
        return new ErrorRule(operation, probability, nthCall, times, code, status, message);
    }
}
