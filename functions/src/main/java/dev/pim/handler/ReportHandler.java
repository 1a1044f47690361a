package dev.pim.handler;

import dev.pim.fleet.FleetLedger;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.BindingVerification;
import dev.pim.migration.verify.VerificationReport;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The last state: the run's report, built from the journal (every step recorded its outcomes there) and the
 * plan, small enough to be the execution's output; the run's status is recorded in the journal.
 */
public final class ReportHandler extends JsonHandler<ReportHandler.Request, ReportHandler.Report> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportHandler.class);
    private static final int MAX_FAILURES = 20;

    /**
     * @param preflightFailures set when the execution stops at preflight
     * @param crashes           Map iterations whose Lambda failed outright (they could not record an outcome)
     * @param error             the Error/Cause a top-level state failed with, when the execution is failing
     */
    public record Request(PipelineInput input, String runId, String executionId, List<String> preflightFailures,
                          Crashes crashes, com.fasterxml.jackson.databind.JsonNode error) {
    }

    /** Crashed Map iterations, as {@code role <index>: <Error>} / {@code addon <name>: <Error>}. */
    public record Crashes(List<String> roles, List<String> addons, List<String> cleanup) {
        List<String> all() {
            List<String> out = new ArrayList<>();
            java.util.stream.Stream.of(roles, addons, cleanup).filter(java.util.Objects::nonNull).forEach(out::addAll);
            return out;
        }
    }

    /**
     * @param status  PLANNED, SUCCEEDED, PARTIAL or FAILED
     * @param steps   per step, how many subjects ended DONE, UNCHANGED, SKIPPED, FAILED
     * @param failures the first failures, {@code step subject: detail}
     */
    public record Report(String runId, String cluster, String status, Map<String, Long> bindings,
                         Map<String, Map<String, Long>> steps, List<String> failures, Integer verified,
                         Integer verifiable, Boolean clean) {
    }

    public ReportHandler() {
        this(HandlerEnvironment::shared);
    }

    public ReportHandler(Supplier<HandlerEnvironment> environment) {
        super(Request.class, environment);
    }

    @Override
    protected Report handle(Request request, HandlerEnvironment env, Metrics metrics) {
        if (request.input() == null || request.runId() == null) {
            throw new InvalidInputException("event fields 'input' and 'runId' are required");
        }
        put("execution", request.executionId());
        put("runId", request.runId());
        put("cluster", request.input().cluster());
        List<String> failures = new ArrayList<>();
        Map<String, Map<String, Long>> steps = new TreeMap<>();
        for (JournalEntry e : env.journal().entries(request.runId())) {
            if (e instanceof JournalEntry.Outcome o) {
                steps.computeIfAbsent(o.step(), k -> new TreeMap<>()).merge(o.result(), 1L, Long::sum);
                if (o.result().equals("FAILED") && failures.size() < MAX_FAILURES) {
                    failures.add(o.step() + " " + o.subject() + ": " + o.detail());
                }
            }
        }
        List<String> crashed = request.crashes() == null ? List.of() : request.crashes().all();
        crashed.forEach(c -> failures.add("crashed: " + c));
        if (request.error() != null && !request.error().isNull()) {
            failures.add("execution: " + request.error().path("Error").asText() + ": "
                    + abbreviate(request.error().path("Cause").asText(), 400));
        }
        if (request.preflightFailures() != null && !request.preflightFailures().isEmpty()) {
            request.preflightFailures().forEach(f -> failures.add("preflight: " + f));
            env.journal().finishRun(request.runId(), "failed");
            return published(env, request, new Report(request.runId(), request.input().cluster(), "FAILED", Map.of(), steps,
                    failures, null, null, null), 0);
        }
        Optional<MigrationPlan> plan = planOf(env, request.runId());
        Map<String, Long> bindings = new LinkedHashMap<>();
        plan.ifPresent(p -> p.countsByClass().forEach((c, n) -> bindings.put(c.label(), n)));
        Optional<VerificationReport> verification = env.plans().verification(request.runId());
        boolean broke = !crashed.isEmpty() || (request.error() != null && !request.error().isNull());
        String status = broke && !status(request.input(), steps, plan.isPresent()).equals("FAILED") ? "PARTIAL"
                : status(request.input(), steps, plan.isPresent());
        env.journal().finishRun(request.runId(), status.toLowerCase());
        metrics.addMetric(status.equals("PARTIAL") || status.equals("FAILED") ? "MigrationsWithFailures" : "Migrations" + capital(status),
                1, MetricUnit.COUNT);
        // Bindings migrated: those whose association and trust are in place (their pods may still wait for a
        // restart); without a verification, the associations made or found.
        Map<String, Long> associations = steps.getOrDefault("association", Map.of());
        long associated = verification.map(v -> v.bindings().stream().filter(b -> b.problems().isEmpty()).count())
                .orElse(associations.getOrDefault("DONE", 0L) + associations.getOrDefault("UNCHANGED", 0L));
        return published(env, request, new Report(request.runId(), request.input().cluster(), status, bindings, steps, failures,
                verification.map(v -> (int) v.bindings().stream().filter(BindingVerification::verified).count()).orElse(null),
                verification.map(v -> v.bindings().size()).orElse(null), verification.map(VerificationReport::clean).orElse(null)),
                (int) associated);
    }

    /**
     * The report's last stops: the cluster's line in the fleet ledger (so {@code pim fleet status} sees manual
     * executions too) and the results queue, for other systems to react to.
     */
    private static Report published(HandlerEnvironment env, Request request, Report report, int bindingsMigrated) {
        String account = request.input().accountId() != null ? request.input().accountId()
                : env.journal().run(request.runId()).map(r -> r.cluster().accountId()).orElse(null);
        if (account != null && !report.status().equals("PLANNED")) {
            String reason = report.failures().isEmpty() ? null : report.failures().get(0);
            env.fleet().record(new FleetLedger.ClusterState(account, request.input().region(), request.input().cluster(),
                    report.status().toLowerCase(), reason, report.runId(), executionName(request.executionId()),
                    bindingsMigrated, env.clock().instant()));
        }
        try {
            env.results().publish(report);
        } catch (RuntimeException e) {
            // The report is in the ledger and is the execution's output: an unreachable results queue must not
            // turn a finished migration into a failed execution.
            LOG.warn("the report of run {} was not published to the results queue: {}", report.runId(), e.toString());
        }
        return report;
    }

    /** The name at the end of an execution ARN ({@code arn:aws:states:…:execution:<machine>:<name>}). */
    private static String executionName(String executionId) {
        return executionId == null ? null : executionId.substring(executionId.lastIndexOf(':') + 1);
    }

    private static Optional<MigrationPlan> planOf(HandlerEnvironment env, String runId) {
        try {
            return Optional.of(env.plans().plan(runId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String status(PipelineInput input, Map<String, Map<String, Long>> steps, boolean planned) {
        long failed = steps.values().stream().mapToLong(m -> m.getOrDefault("FAILED", 0L)).sum();
        long ok = steps.values().stream().mapToLong(m -> m.getOrDefault("DONE", 0L) + m.getOrDefault("UNCHANGED", 0L)).sum();
        if (!Boolean.TRUE.equals(input.approve())) {
            return planned ? "PLANNED" : "FAILED";
        }
        return failed == 0 ? "SUCCEEDED" : ok > 0 ? "PARTIAL" : "FAILED";
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static String capital(String s) {
        return s.charAt(0) + s.substring(1).toLowerCase();
    }
}
