package dev.pim.migration.apply;

/** Where a run reports what it is doing: progress bars or lines in the CLI, logs in Lambda. */
public interface Progress {

    Progress NONE = new Progress() {
    };

    /** A phase starts with {@code total} items (0 when unknown). */
    default void phase(String name, int total) {
    }

    /** One item of the current phase finished. */
    default void item(StepResult result) {
    }

    default void note(String message) {
    }
}
