package dev.pim.local.lambda.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/** Throws when any message of the batch has a body starting with {@code fail}. */
public final class ThrowingHandler implements RequestHandler<SQSEvent, Void> {
    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        Deliveries.batch(event.getRecords().stream().map(SQSEvent.SQSMessage::getBody).toList());
        if (event.getRecords().stream().anyMatch(m -> m.getBody().startsWith("fail"))) {
            throw new IllegalStateException("a message of this batch cannot be processed");
        }
        return null;
    }
}
