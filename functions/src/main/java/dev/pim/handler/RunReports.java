package dev.pim.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.apply.StepTally;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.BindingVerification;
import dev.pim.migration.verify.VerificationReport;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The state machine's run report: the outcomes each state recorded in the journal, what crashed outright
 * (the request says), the plan's classes and the verification, with the status by the one run-status rule.
 */
final class RunReports {

    private RunReports() {
    }

    /** A run stopped at preflight: FAILED, with the checks that failed; recorded, then published. */
    static ReportHandler.Report preflightFailed(HandlerEnvironment env, ReportHandler.Request request) {
        StepTally tally = StepTally.of(env.journal().entries(request.runId()));
        List<String> failures = failures(request, tally);
        request.preflightFailures().forEach(f -> failures.add("preflight: " + f));
        env.journal().finishRun(request.runId(), "failed");
        return ReportPublisher.publish(env, request, new ReportHandler.Report(request.runId(), request.input().cluster(),
                MigrationReport.Status.FAILED.name(), Map.of(), tally.steps(), failures, null, null, null), 0);
    }

    /** A run that got past preflight: its status recorded in the journal and counted, then the report published. */
    static ReportHandler.Report finish(HandlerEnvironment env, ReportHandler.Request request, Metrics metrics) {
        StepTally tally = StepTally.of(env.journal().entries(request.runId()));
        Optional<VerificationReport> verification = env.plans().verification(request.runId());
        ReportHandler.Report report = of(request, tally, planOf(env, request.runId()), verification);
        String status = report.status();
        env.journal().finishRun(request.runId(), status.toLowerCase());
        metrics.addMetric(status.equals("PARTIAL") || status.equals("FAILED") ? "MigrationsWithFailures"
                : "Migrations" + status.charAt(0) + status.substring(1).toLowerCase(), 1, MetricUnit.COUNT);
        return ReportPublisher.publish(env, request, report, bindingsMigrated(tally, verification));
    }

    private static ReportHandler.Report of(ReportHandler.Request request, StepTally tally, Optional<MigrationPlan> plan,
                                           Optional<VerificationReport> verification) {
        Map<String, Long> bindings = new LinkedHashMap<>();
        plan.ifPresent(p -> p.countsByClass().forEach((c, n) -> bindings.put(c.label(), n)));
        MigrationReport.Status status = tally.status(Boolean.TRUE.equals(request.input().approve()), plan.isPresent(),
                !crashFailures(request).isEmpty());
        return new ReportHandler.Report(request.runId(), request.input().cluster(), status.name(), bindings, tally.steps(),
                failures(request, tally),
                verification.map(v -> (int) v.bindings().stream().filter(BindingVerification::verified).count()).orElse(null),
                verification.map(v -> v.bindings().size()).orElse(null), verification.map(VerificationReport::clean).orElse(null));
    }

    /**
     * Bindings migrated: those whose association and trust are in place (their pods may still wait for a restart);
     * without a verification, the associations made or found.
     */
    private static int bindingsMigrated(StepTally tally, Optional<VerificationReport> verification) {
        return (int) (long) verification.map(v -> v.bindings().stream().filter(b -> b.problems().isEmpty()).count())
                .orElse(tally.count("association", StepResult.Result.DONE, StepResult.Result.UNCHANGED));
    }

    private static Optional<MigrationPlan> planOf(HandlerEnvironment env, String runId) {
        try {
            return Optional.of(env.plans().plan(runId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> failures(ReportHandler.Request request, StepTally tally) {
        List<String> failures = new ArrayList<>(tally.failures());
        failures.addAll(crashFailures(request));
        return failures;
    }

    /** What failed outside the journal: crashed Map iterations, then the state that failed the execution. */
    private static List<String> crashFailures(ReportHandler.Request request) {
        List<String> out = new ArrayList<>();
        ReportHandler.Crashes crashes = request.crashes();
        if (crashes != null) {
            Stream.of(crashes.roles(), crashes.addons(), crashes.cleanup()).filter(Objects::nonNull)
                    .flatMap(List::stream).forEach(c -> out.add("crashed: " + c));
        }
        JsonNode error = request.error();
        if (error != null && !error.isNull()) {
            String cause = error.path("Cause").asText();
            out.add("execution: " + error.path("Error").asText() + ": "
                    + (cause.length() <= 400 ? cause : cause.substring(0, 400) + "..."));
        }
        return out;
    }
}
