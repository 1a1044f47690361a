package dev.pim.handler;

import dev.pim.migration.apply.StepResult;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.journal.JournalEntry;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.time.Clock;
import java.util.List;

/**
 * Step results go to the journal (the report is built from it, so Map results need not travel in the
 * state machine's payload) and to the metrics: roles updated, associations created, failures.
 */
final class Outcomes {

    private Outcomes() {
    }

    static void record(Journal journal, Clock clock, String runId, List<StepResult> results, Metrics metrics) {
        journal(journal, clock, runId, results);
        count(metrics, results);
    }

    /** The results in the journal only: a batch's roles write theirs as they go, from several threads. */
    static void journal(Journal journal, Clock clock, String runId, List<StepResult> results) {
        for (StepResult r : results) {
            journal.append(runId, new JournalEntry.Outcome(clock.instant(), r.step(), r.subject(), r.result().name(), r.detail()));
        }
    }

    /** The metrics of the results, from the handler's own thread (the metrics logger is not for several). */
    static void count(Metrics metrics, List<StepResult> results) {
        count(metrics, results, "trust", StepResult.Result.DONE, "RolesUpdated");
        count(metrics, results, "association", StepResult.Result.DONE, "AssociationsCreated");
        count(metrics, results, "addon", StepResult.Result.DONE, "AddonsMigrated");
        count(metrics, results, "restart", StepResult.Result.DONE, "WorkloadsRestarted");
        count(metrics, results, "annotation", StepResult.Result.DONE, "AnnotationsRemoved");
        count(metrics, results, "oidc-cleanup", StepResult.Result.DONE, "OidcTrustRemoved");
        long failed = results.stream().filter(StepResult::failed).count();
        if (failed > 0) {
            metrics.addMetric("StepsFailed", failed, MetricUnit.COUNT);
        }
    }

    private static void count(Metrics metrics, List<StepResult> results, String step, StepResult.Result result, String metric) {
        long n = results.stream().filter(r -> r.step().equals(step) && r.result() == result).count();
        if (n > 0) {
            metrics.addMetric(metric, n, MetricUnit.COUNT);
        }
    }
}
