package dev.pim.migration.journal;

import dev.pim.migration.ClusterRef;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/**
 * One migration run of one cluster.
 *
 * @param runId   sortable by start time ({@code 20261122T220501Z-k3f9})
 * @param options the options it ran with, for the record
 * @param status  {@code running}, {@code succeeded}, {@code partial}, {@code failed}, {@code rolled-back}
 */
public record RunRecord(String runId, ClusterRef cluster, Instant startedAt, Map<String, String> options,
                        String status) {
    /**
     * Oldest first. Run ids sort by the second only, so two runs of one second (a quick re-run) are ordered by
     * their start time: rollback undoes the newest first and restores the oldest's originals.
     */
    public static final Comparator<RunRecord> START_ORDER =
            Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::runId);
}
