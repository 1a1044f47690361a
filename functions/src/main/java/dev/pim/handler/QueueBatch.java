package dev.pim.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.pim.fleet.Dispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch of the migration queue through the dispatcher, message by message: a message that cannot be read or
 * dispatched becomes a batch item failure (the queue delivers it again; a malformed one ends in the dead-letter
 * queue after the queue's attempts), never a failure of the whole batch.
 */
final class QueueBatch {
    // The dispatcher's log lines are the handler's: that is where an operator looks for a message.
    private static final Logger LOG = LoggerFactory.getLogger(DispatchHandler.class);

    private QueueBatch() {
    }

    static SQSBatchResponse dispatch(Dispatcher dispatcher, SQSEvent event, Metrics metrics) {
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
