package dev.pim.local.lambda.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.Locale;
import java.util.Map;

/**
 * Sends each message on to the queue {@code results}, upper-cased, with where it came from, through an SQS client
 * built as a deployed function builds it: endpoint, region and credentials from the SDK's standard settings.
 */
public final class ResultForwardingHandler implements RequestHandler<SQSEvent, Void> {
    private final SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();

    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        String results = sqs.getQueueUrl(r -> r.queueName("results")).queueUrl();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            sqs.sendMessage(r -> r.queueUrl(results).messageBody(message.getBody().toUpperCase(Locale.ROOT))
                    .messageAttributes(Map.of(
                            "source", text(message.getEventSourceArn()),
                            "region", text(message.getAwsRegion()),
                            "function", text(context.getInvokedFunctionArn()))));
        }
        return null;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
