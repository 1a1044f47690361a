package dev.pim.migration.apply;

/**
 * How one step ended for one subject (a role, a service account, an add-on, a workload).
 *
 * @param step    e.g. {@code trust}, {@code association}, {@code addon}, {@code restart}, {@code annotation},
 *                {@code oidc-cleanup}, {@code agent}
 * @param subject what it acted on: a role ARN, {@code namespace/name}, an add-on or workload name
 */
public record StepResult(String step, String subject, Result result, String detail) {

    public enum Result {
        /** Changed something. */
        DONE,
        /** Nothing to change: already in the wanted state (what makes re-runs free). */
        UNCHANGED,
        /** Not attempted, for the reason given. */
        SKIPPED,
        FAILED
    }

    public static StepResult done(String step, String subject, String detail) {
        return new StepResult(step, subject, Result.DONE, detail);
    }

    public static StepResult unchanged(String step, String subject, String detail) {
        return new StepResult(step, subject, Result.UNCHANGED, detail);
    }

    public static StepResult skipped(String step, String subject, String detail) {
        return new StepResult(step, subject, Result.SKIPPED, detail);
    }

    public static StepResult failed(String step, String subject, String detail) {
        return new StepResult(step, subject, Result.FAILED, detail);
    }

    public boolean failed() {
        return result == Result.FAILED;
    }

    public boolean ok() {
        return result == Result.DONE || result == Result.UNCHANGED;
    }
}
