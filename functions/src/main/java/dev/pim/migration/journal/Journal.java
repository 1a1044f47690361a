package dev.pim.migration.journal;

import dev.pim.migration.ClusterRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable record of migration runs. {@link #append} returns only once the entry is durable (fsync'd, or
 * acknowledged by the table), because the engine writes nothing to AWS or Kubernetes that the journal could
 * not undo. Implementations: a local directory for the CLI ({@code dev.pim.ledger.FileJournal}), a
 * DynamoDB table for the pipeline.
 */
public interface Journal {

    RunRecord startRun(ClusterRef cluster, Map<String, String> options);

    Optional<RunRecord> run(String runId);

    /** The cluster's runs, oldest first. */
    List<RunRecord> runs(ClusterRef cluster);

    void append(String runId, JournalEntry entry);

    /**
     * Appends every entry, each durable when this returns; a store that can write many in one round trip does
     * (the default appends them one by one).
     */
    default void appendAll(String runId, List<JournalEntry> entries) {
        entries.forEach(entry -> append(runId, entry));
    }

    /** The run's entries in the order they were appended. */
    List<JournalEntry> entries(String runId);

    void finishRun(String runId, String status);
}
