package dev.pim.handler;

import dev.pim.app.ClusterSession;
import dev.pim.migration.journal.RunRecord;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.preflight.PreflightCheck;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The first state: validates the execution input (a bad field fails the execution at once, naming it), checks
 * the cluster can move to Pod Identity, and opens the run in the journal.
 */
public final class PreflightHandler extends JsonHandler<PreflightHandler.Request, PreflightHandler.Result> {

    /** @param input the execution input as given */
    public record Request(PipelineInput input, String executionId) {
    }

    /**
     * @param input the input with its defaults filled in, which every later state receives
     * @param agent the Pod Identity agent's state (ABSENT, CREATING, ACTIVE, AUTO_MODE...)
     */
    public record Result(PipelineInput input, String runId, boolean passed, List<String> failures, String agent) {
    }

    public PreflightHandler() {
        this(HandlerEnvironment::shared);
    }

    public PreflightHandler(Supplier<HandlerEnvironment> environment) {
        super(Request.class, environment);
    }

    @Override
    protected Result handle(Request request, HandlerEnvironment env, Metrics metrics) {
        if (request.input() == null) {
            throw new InvalidInputException("event field 'input' is required: the execution input");
        }
        PipelineInput input = env.validate(request.input());
        put("execution", request.executionId());
        put("cluster", input.cluster());
        ClusterSession session = env.session(input);
        Preflight preflight = session.preflight();
        Map<String, String> options = new LinkedHashMap<>(input.options().asMap());
        options.put("execution", String.valueOf(request.executionId()));
        RunRecord run = env.journal().startRun(session.cluster().ref(), options);
        put("runId", run.runId());
        List<String> failures = preflight.failures().stream().map(PreflightCheck::detail).toList();
        return new Result(input, run.runId(), preflight.passed(), failures, preflight.agent().name());
    }
}
