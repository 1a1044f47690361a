package dev.pim.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What every handler shares: strict JSON in (an unknown or mistyped field is an {@link InvalidInputException}
 * naming it, which the state machine does not retry), JSON out, Powertools logging with the execution,
 * cluster and role as keys, and EMF metrics flushed after each invocation. Handlers stay thin: parse, call
 * the engine, shape the output.
 */
public abstract class JsonHandler<I, O> implements RequestStreamHandler {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final String METRICS_NAMESPACE = "PodIdentityMigrator";

    private final Class<I> inputType;
    private final Supplier<HandlerEnvironment> environment;

    protected JsonHandler(Class<I> inputType, Supplier<HandlerEnvironment> environment) {
        this.inputType = inputType;
        this.environment = environment;
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
                return handle(input, environment.get(), metrics);
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
        try {
            I value = JSON.readValue(in, inputType);
            if (value == null) {
                throw new InvalidInputException("the event is empty; expected a " + inputType.getSimpleName());
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException("unknown field '" + path(e) + "' in the event (known: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")", e);
        } catch (JsonMappingException e) {
            throw new InvalidInputException("field '" + path(e) + "' of the event: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the event is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event", e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
