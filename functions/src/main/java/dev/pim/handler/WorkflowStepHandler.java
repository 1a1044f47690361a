package dev.pim.handler;

import dev.pim.migration.apply.MigrationRun;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.apply.Workflow;
import dev.pim.migration.apply.WorkflowStep;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The function of a workflow step that runs once: the step's own action ({@link WorkflowStep#action()}, what the
 * CLI's run does too) over the run the event names, its results journaled and summed up for the state machine.
 * A subclass only names its step.
 */
public abstract class WorkflowStepHandler extends JsonHandler<StepRequest, StepSummary> {
    private final WorkflowStep step;
    private final String summary;

    /** @param summary the name the summary gives the step's results (as the journal's outcomes name them) */
    protected WorkflowStepHandler(String step, String summary, Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
        this.step = Workflow.MIGRATION.step(step);
        this.summary = summary;
    }

    @Override
    protected final StepSummary handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        request.requireRun();
        MigrationRun run = new MigrationRun(env.steps(request.input()), request.runId(), env.plans().plan(request.runId()),
                new ConcurrentHashMap<>()).withoutWaiting();
        step.action().carryOut(run);
        List<StepResult> results = run.results();
        Outcomes.record(env.journal(), env.clock(), request.runId(), results, metrics);
        // The summary counts the step's own results; what it did besides (an add-on's IRSA role cleared with the
        // annotations) is in the journal and the run's report.
        return StepSummary.of(summary, results.stream().filter(r -> r.step().equals(summary)).toList());
    }
}
