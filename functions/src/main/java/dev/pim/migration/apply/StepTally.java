package dev.pim.migration.apply;

import dev.pim.migration.journal.JournalEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's step outcomes as its journal holds them (each state records its own), counted per step and result,
 * with the first failures: what the state machine's report is made of.
 *
 * @param steps    per step, how many subjects ended DONE, UNCHANGED, SKIPPED, FAILED
 * @param failures the first {@link #MAX_FAILURES} failures, {@code step subject: detail}
 */
public record StepTally(Map<String, Map<String, Long>> steps, List<String> failures) {
    public static final int MAX_FAILURES = 20;

    public static StepTally of(List<JournalEntry> entries) {
        Map<String, Map<String, Long>> steps = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Outcome o) {
                steps.computeIfAbsent(o.step(), k -> new TreeMap<>()).merge(o.result(), 1L, Long::sum);
                if (o.result().equals(StepResult.Result.FAILED.name()) && failures.size() < MAX_FAILURES) {
                    failures.add(o.step() + " " + o.subject() + ": " + o.detail());
                }
            }
        }
        return new StepTally(steps, failures);
    }

    public long count(StepResult.Result... results) {
        return steps.values().stream().mapToLong(byResult -> count(byResult, results)).sum();
    }

    public long count(String step, StepResult.Result... results) {
        return count(steps.getOrDefault(step, Map.of()), results);
    }

    private static long count(Map<String, Long> byResult, StepResult.Result... results) {
        long n = 0;
        for (StepResult.Result r : results) {
            n += byResult.getOrDefault(r.name(), 0L);
        }
        return n;
    }

    /** The run's status by {@link MigrationReport.Status#of(boolean, boolean, long, long, boolean)}. */
    public MigrationReport.Status status(boolean approved, boolean planned, boolean crashed) {
        return MigrationReport.Status.of(approved, planned, count(StepResult.Result.FAILED),
                count(StepResult.Result.DONE, StepResult.Result.UNCHANGED), crashed,
                count(MigrationReport.AGENT_STEP, StepResult.Result.FAILED) > 0);
    }
}
