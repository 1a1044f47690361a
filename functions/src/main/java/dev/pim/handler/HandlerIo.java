package dev.pim.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.pim.json.InvalidJsonException;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The stream handlers' envelope: the event read strictly (an unknown or mistyped field is an
 * {@link InvalidInputException} naming it, which the state machine does not retry), the output written as JSON, and
 * the invocation run under Powertools logging with EMF metrics flushed after it.
 */
final class HandlerIo {

    private HandlerIo() {
    }

    static <I> I read(InputStream in, Class<I> inputType) {
        String event;
        try {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event", e);
        }
        try {
            I value = JsonHandler.EVENTS.read(event, inputType);
            if (value == null) {
                throw new InvalidInputException("the event is empty; expected a " + inputType.getSimpleName());
            }
            return value;
        } catch (InvalidJsonException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    static void write(OutputStream out, Object output) {
        try {
            JsonHandler.JSON.writeValue(out, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the handler's output", e);
        }
    }

    /**
     * The environment an invocation runs in; for a step's event, once its log keys are set (so building the
     * environment logs with them) and once the event is known to name a run of its input's cluster.
     */
    static HandlerEnvironment environmentFor(Object input, Supplier<HandlerEnvironment> environment) {
        StepRequest step = input instanceof StepRequest s ? s : null;
        if (step != null) {
            JsonHandler.put("execution", step.executionId());
            JsonHandler.put("runId", step.runId());
            JsonHandler.put("cluster", step.input() == null ? null : step.input().cluster());
        }
        HandlerEnvironment env = environment.get();
        if (step != null) {
            env.requireRunOf(step);
        }
        return env;
    }

    /** Runs one invocation with its log keys and metrics; the metrics are flushed and the keys cleared even when it throws. */
    static <O> O invocation(Context context, Function<Metrics, O> body) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(System.getenv().getOrDefault("POWERTOOLS_METRICS_NAMESPACE", JsonHandler.METRICS_NAMESPACE));
        try {
            return PowertoolsLogging.withLogging(context, () -> body.apply(metrics));
        } finally {
            metrics.flush();
            MDC.clear();
        }
    }
}
