package dev.pim.handler;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last state: the run's report ({@link RunReports}), built from the journal and the plan, small enough to be
 * the execution's output; the run's status is recorded in the journal, then the report is published.
 */
public final class ReportHandler extends JsonHandler<ReportHandler.Request, ReportHandler.Report> {

    /**
     * @param preflightFailures set when the execution stops at preflight
     * @param crashes           Map iterations whose Lambda failed outright (they could not record an outcome)
     * @param error             the Error/Cause a top-level state failed with, when the execution is failing
     */
    public record Request(PipelineInput input, String runId, String executionId, List<String> preflightFailures,
                          Crashes crashes, JsonNode error) {
    }

    /** Crashed Map iterations, as {@code role <index>: <Error>} / {@code addon <name>: <Error>}. */
    public record Crashes(List<String> roles, List<String> addons, List<String> cleanup) {
    }

    /**
     * @param status   PLANNED, SUCCEEDED, PARTIAL or FAILED
     * @param steps    per step, how many subjects ended DONE, UNCHANGED, SKIPPED, FAILED
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
        boolean stoppedAtPreflight = request.preflightFailures() != null && !request.preflightFailures().isEmpty();
        return stoppedAtPreflight ? RunReports.preflightFailed(env, request) : RunReports.finish(env, request, metrics);
    }
}
