package dev.pim.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.pim.app.FleetWiring;
import dev.pim.fleet.Dispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The migration queue's consumer (batches, {@code ReportBatchItemFailures}): one execution per request. A
 * request over the running-migrations cap is sent again with a delay by the dispatcher; one that cannot be
 * read or dispatched is reported as a batch item failure, so the queue delivers it again, and a malformed one
 * ends in the dead-letter queue after the queue's attempts, with the reason in the logs.
 */
public final class DispatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchHandler.class);
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
        if (event == null || event.getRecords() == null) {
            throw new InvalidInputException("the event has no 'Records': the dispatcher takes the SQS events of the migration "
                    + "queue; to migrate one cluster, send a request to the queue or start an execution");
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                Dispatcher.Outcome outcome = dispatcher.dispatch(message.getBody());
                LOG.info("message {}: {}", message.getMessageId(), outcome);
                metrics.addMetric("Dispatch" + outcome.name().charAt(0) + outcome.name().substring(1).toLowerCase(), 1, MetricUnit.COUNT);
            } catch (IllegalArgumentException e) {
                LOG.error("message {} is malformed (receive {}): {}", message.getMessageId(),
                        message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount"), e.getMessage());
                metrics.addMetric("DispatchMalformed", 1, MetricUnit.COUNT);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } catch (RuntimeException e) {
                LOG.error("message {} could not be dispatched: {}", message.getMessageId(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
