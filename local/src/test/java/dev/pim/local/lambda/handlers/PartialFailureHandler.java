package dev.pim.local.lambda.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Reports the messages whose body starts with {@code fail} as batch item failures; for a body
 * {@code report-unknown}, reports a message id that is in no batch.
 */
public final class PartialFailureHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Deliveries.batch(event.getRecords().stream().map(SQSEvent.SQSMessage::getBody).toList());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (message.getBody().startsWith("fail")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } else if (message.getBody().equals("report-unknown")) {
                failures.add(new SQSBatchResponse.BatchItemFailure("not-a-message-of-this-batch"));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
