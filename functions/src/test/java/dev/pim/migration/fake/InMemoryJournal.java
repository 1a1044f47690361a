package dev.pim.migration.fake;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.journal.RunRecord;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The journal in memory: runs in start order, entries in append order, as the file and DynamoDB journals keep them. */
public final class InMemoryJournal implements Journal {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private final Clock clock;
    private final Map<String, RunRecord> runs = new LinkedHashMap<>();
    private final Map<String, List<JournalEntry>> entries = new LinkedHashMap<>();

    public InMemoryJournal(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized RunRecord startRun(ClusterRef cluster, Map<String, String> options) {
        String runId = RUN_ID.format(clock.instant()) + "-" + String.format("%04d", runs.size() + 1);
        RunRecord run = new RunRecord(runId, cluster, clock.instant(), Map.copyOf(options), "running");
        runs.put(runId, run);
        entries.put(runId, new ArrayList<>());
        return run;
    }

    @Override
    public synchronized Optional<RunRecord> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public synchronized List<RunRecord> runs(ClusterRef cluster) {
        return runs.values().stream().filter(r -> r.cluster().equals(cluster)).sorted(RunRecord.START_ORDER).toList();
    }

    @Override
    public synchronized void append(String runId, JournalEntry entry) {
        List<JournalEntry> of = entries.get(runId);
        if (of == null) {
            throw new IllegalStateException("no run " + runId);
        }
        of.add(entry);
    }

    @Override
    public synchronized List<JournalEntry> entries(String runId) {
        return List.copyOf(entries.getOrDefault(runId, List.of()));
    }

    @Override
    public synchronized void finishRun(String runId, String status) {
        RunRecord run = runs.get(runId);
        if (run == null) {
            throw new IllegalStateException("no run " + runId);
        }
        runs.put(runId, new RunRecord(run.runId(), run.cluster(), run.startedAt(), run.options(), status));
    }
}
