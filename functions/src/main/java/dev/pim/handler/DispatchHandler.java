package dev.pim.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.pim.app.FleetWiring;
import dev.pim.fleet.Dispatcher;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The migration queue's consumer (batches, {@code ReportBatchItemFailures}): one execution per request, through
 * {@link QueueBatch}. A request over the running-migrations cap is sent again with a delay by the dispatcher.
 */
public final class DispatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Supplier<HandlerEnvironment> environment;
    private final Function<HandlerEnvironment, Dispatcher> dispatchers;
    private volatile Dispatcher dispatcher;

    public DispatchHandler() {
        this(HandlerEnvironment::shared);
    }

    public DispatchHandler(Supplier<HandlerEnvironment> environment) {
        this(environment, env -> FleetWiring.dispatcher(env.execution()));
    }

    public DispatchHandler(Supplier<HandlerEnvironment> environment, Function<HandlerEnvironment, Dispatcher> dispatchers) {
        this.environment = environment;
        this.dispatchers = dispatchers;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        try {
            return PowertoolsLogging.withLogging(context, () -> dispatch(event, metrics));
        } finally {
            metrics.flush();
        }
    }

    private SQSBatchResponse dispatch(SQSEvent event, Metrics metrics) {
        if (dispatcher == null) {
            dispatcher = dispatchers.apply(environment.get());
        }
        return QueueBatch.dispatch(dispatcher, event, metrics);
    }
}
