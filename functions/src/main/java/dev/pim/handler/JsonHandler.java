package dev.pim.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pim.json.InvalidJsonException;
import dev.pim.json.StrictJson;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What every handler shares: strict JSON in (an unknown or mistyped field is an {@link InvalidInputException}
 * naming it, which the state machine does not retry; a step's event must name a run of its input's cluster), JSON out, Powertools logging with the execution,
 * cluster and role as keys, and EMF metrics flushed after each invocation. Handlers stay thin: parse, call
 * the engine, shape the output.
 */
public abstract class JsonHandler<I, O> implements RequestStreamHandler {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** Events are read strictly: no unknown field, no value of another type, not even one Jackson could convert. */
    static final StrictJson EVENTS = new StrictJson("the event");
    static final String METRICS_NAMESPACE = "PodIdentityMigrator";

    private final Class<I> inputType;
    private final Supplier<HandlerEnvironment> environment;
    private final Priming priming;

    protected JsonHandler(Class<I> inputType, Supplier<HandlerEnvironment> environment) {
        this.inputType = inputType;
        this.environment = environment;
        this.priming = Priming.register(this);
    }

    Class<I> inputType() {
        return inputType;
    }

    /** Builds (the first time) the environment this handler runs in. */
    HandlerEnvironment environment() {
        return environment.get();
    }

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) {
        I input = read(in);
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(System.getenv().getOrDefault("POWERTOOLS_METRICS_NAMESPACE", METRICS_NAMESPACE));
        O output;
        try {
            output = PowertoolsLogging.withLogging(context, () -> {
                logKeys(input);
                HandlerEnvironment env = environment.get();
                if (input instanceof StepRequest step) {
                    env.requireRunOf(step);
                }
                return handle(input, env, metrics);
            });
        } finally {
            metrics.flush();
            MDC.clear();
        }
        try {
            JSON.writeValue(out, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the handler's output", e);
        }
    }

    protected abstract O handle(I input, HandlerEnvironment env, Metrics metrics);

    /** The keys every log line of this invocation carries. */
    protected void logKeys(I input) {
        if (input instanceof StepRequest step) {
            put("execution", step.executionId());
            put("runId", step.runId());
            put("cluster", step.input() == null ? null : step.input().cluster());
        }
    }

    protected static void put(String key, Object value) {
        if (value != null) {
            MDC.put(key, String.valueOf(value));
        }
    }

    private I read(InputStream in) {
        String event;
        try {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event", e);
        }
        try {
            I value = EVENTS.read(event, inputType);
            if (value == null) {
                throw new InvalidInputException("the event is empty; expected a " + inputType.getSimpleName());
            }
            return value;
        } catch (InvalidJsonException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }
}
