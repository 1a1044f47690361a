package dev.pim.handler;

import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.function.Supplier;

/** A step that does nothing: the proof that adding a step is a workflow entry, a handler and its test. */
public final class NapHandler extends JsonHandler<StepRequest, StepSummary> {

    public NapHandler() {
        this(HandlerEnvironment::shared);
    }

    public NapHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected StepSummary handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        return StepSummary.of("nap", List.of());
    }
}
