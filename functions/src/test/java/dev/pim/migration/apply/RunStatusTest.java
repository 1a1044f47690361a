package dev.pim.migration.apply;

import dev.pim.migration.apply.MigrationReport.Status;
import dev.pim.migration.journal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one run-status rule, as the CLI's run (step results) and the Report state (journal outcomes) apply it. */
class RunStatusTest {

    @Test
    void nothingFailedIsSucceededSomethingThroughIsPartialOnlyFailuresIsFailed() {
        assertEquals(Status.SUCCEEDED, Status.of(List.of(StepResult.done("trust", "a", ""), StepResult.skipped("restart", "b", ""))));
        assertEquals(Status.SUCCEEDED, Status.of(List.of()));
        assertEquals(Status.PARTIAL, Status.of(List.of(StepResult.unchanged("trust", "a", ""), StepResult.failed("trust", "b", ""))));
        assertEquals(Status.FAILED, Status.of(List.of(StepResult.failed("trust", "b", ""), StepResult.skipped("restart", "c", ""))));
    }

    @Test
    void aPlanThatWasNotApprovedIsPlannedOrFailedWhenItCouldNotBePlanned() {
        assertEquals(Status.PLANNED, Status.of(false, true, 0, 0, false));
        assertEquals(Status.FAILED, Status.of(false, false, 0, 0, false));
    }

    @Test
    void aCrashMakesAnyRunThatIsNotFailedPartial() {
        assertEquals(Status.PARTIAL, Status.of(true, true, 0, 5, true));
        assertEquals(Status.PARTIAL, Status.of(false, true, 0, 0, true));
        assertEquals(Status.FAILED, Status.of(true, true, 3, 0, true));
    }

    @Test
    void theJournalsOutcomesGiveTheSameStatusAsTheRunsOwnResults() {
        List<StepResult> results = List.of(StepResult.done("trust", "a", ""), StepResult.failed("association", "ns/sa", "denied"),
                StepResult.skipped("restart", "w", ""));
        StepTally tally = StepTally.of(results.stream().<JournalEntry>map(r -> new JournalEntry.Outcome(Instant.EPOCH, r.step(),
                r.subject(), r.result().name(), r.detail())).toList());

        assertEquals(Status.of(results), tally.status(true, true, false));
        assertEquals(Map.of("DONE", 1L), tally.steps().get("trust"));
        assertEquals(List.of("association ns/sa: denied"), tally.failures());
    }

    @Test
    void anAgentThatDidNotBecomeActiveFailsTheRunThoughItsInstallWentThrough() {
        List<StepResult> results = List.of(StepResult.done("agent-install", "eks-pod-identity-agent", "installing"),
                StepResult.failed("agent", "eks-pod-identity-agent", "CREATE_FAILED"));
        StepTally tally = StepTally.of(results.stream().<JournalEntry>map(r -> new JournalEntry.Outcome(Instant.EPOCH, r.step(),
                r.subject(), r.result().name(), r.detail())).toList());

        assertEquals(Status.FAILED, Status.of(results));
        assertEquals(Status.FAILED, tally.status(true, true, false));
        assertEquals(Status.FAILED, tally.status(true, true, true));
    }

    @Test
    void theTallyKeepsOnlyTheFirstFailures() {
        List<JournalEntry> outcomes = java.util.stream.IntStream.range(0, StepTally.MAX_FAILURES + 5)
                .<JournalEntry>mapToObj(i -> new JournalEntry.Outcome(Instant.EPOCH, "trust", "role-" + i, "FAILED", "x")).toList();

        StepTally tally = StepTally.of(outcomes);

        assertEquals(StepTally.MAX_FAILURES, tally.failures().size());
        assertEquals(StepTally.MAX_FAILURES + 5, tally.count(StepResult.Result.FAILED));
    }
}
