package dev.pim.migration.plan;

/**
 * What one IRSA webhook setting of a migrated binding becomes under Pod Identity.
 *
 * @param subject    the service account ({@code ns/name}) or workload ({@code Deployment ns/name}) that carries it
 * @param setting    the annotation, or the environment variable a container sets itself
 * @param value      its value as found
 * @param level      how much it matters
 * @param detail     what it did under IRSA and what happens to it under Pod Identity
 */
public record WebhookFinding(String subject, String setting, String value, Level level, String detail) {

    public enum Level {
        /** Nothing is lost: said so that nobody wonders. */
        INFO,
        /** Something IRSA gave has no Pod Identity equivalent, or the annotation is not what the webhook can read. */
        WARNING,
        /** A container would gain credentials it did not have: the run is refused unless the user accepts it. */
        NEEDS_ACCEPTANCE
    }

    /** The one-line form used among the plan's warnings. */
    public String text() {
        return subject + ": " + setting + (value == null ? "" : "=" + value) + ": " + detail;
    }
}
