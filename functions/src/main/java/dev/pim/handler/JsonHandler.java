package dev.pim.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pim.json.StrictJson;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * What every state's handler shares: strict JSON in and JSON out ({@link HandlerIo}), a step's event naming a run of
 * its input's cluster, the execution, cluster and run as log keys. Handlers stay thin: parse, call the engine, shape
 * the output.
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
        I input = HandlerIo.read(in, inputType);
        O output = HandlerIo.invocation(context, metrics -> handle(input, HandlerIo.environmentFor(input, environment), metrics));
        HandlerIo.write(out, output);
    }

    protected abstract O handle(I input, HandlerEnvironment env, Metrics metrics);

    protected static void put(String key, Object value) {
        if (value != null) {
            MDC.put(key, String.valueOf(value));
        }
    }
}
