package dev.pim.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.Base64;
import java.util.List;

/**
 * The event Lambda gives a function for a batch of SQS messages, as JSON on the wire:
 * {@code {"Records": [{"messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody",
 * "eventSource": "aws:sqs", "eventSourceARN", "awsRegion"}]}}, binary values in base64.
 */
final class SqsEventRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsEventRecords() {
    }

    static ObjectNode event(List<Message> batch, SqsQueue queue) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        batch.forEach(message -> records.add(record(message, queue)));
        return event;
    }

    private static ObjectNode record(Message message, SqsQueue queue) {
        ObjectNode record = JSON.createObjectNode();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        message.attributesAsStrings().forEach(attributes::put);
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
        record.put("md5OfBody", message.md5OfBody());
        if (message.md5OfMessageAttributes() != null) {
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        }
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queue.arn());
        record.put("awsRegion", queue.region());
        return record;
    }

    private static ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode attribute = JSON.createObjectNode();
        if (value.stringValue() != null) {
            attribute.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            attribute.put("binaryValue", base64(value.binaryValue()));
        }
        ArrayNode strings = attribute.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = attribute.putArray("binaryListValues");
        value.binaryListValues().forEach(b -> binaries.add(base64(b)));
        attribute.put("dataType", value.dataType());
        return attribute;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
