package dev.pim.migration.trust;

import java.util.List;

/**
 * How IAM would answer a call under a trust policy, as far as the plan can tell.
 *
 * @param allowing the statements (0-based) that surely allow it
 * @param denying  the statements that surely deny it, or may (when the outcome is {@link Outcome#UNCERTAIN})
 */
public record TrustDecision(Outcome outcome, List<Integer> allowing, List<Integer> denying) {

    public enum Outcome {
        /** An Allow surely applies and no Deny can. */
        ALLOWED,
        /** A Deny surely applies. */
        DENIED,
        /** No Allow can apply. */
        NOT_ALLOWED,
        /** It turns on a condition key whose value the plan cannot know. */
        UNCERTAIN
    }

    public TrustDecision {
        allowing = List.copyOf(allowing);
        denying = List.copyOf(denying);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
