package dev.pim.local.lambda;

import dev.pim.local.server.DeploymentGate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The queue a mapping polls, through the SDK's SQS client: the calls Lambda's poller makes. */
final class SqsQueue {
    /** The most messages, and batch entries, one SQS call takes. */
    private static final int MAX_PER_CALL = 10;

    private final SqsClient sqs;
    private final String url;
    private final String arn;

    private SqsQueue(SqsClient sqs, String url, String arn) {
        this.sqs = sqs;
        this.url = url;
        this.arn = arn;
    }

    /**
     * @throws IllegalArgumentException when there is no such queue
     */
    static SqsQueue open(SqsClient sqs, String url) {
        try {
            // Creating a mapping is setup, often within a deployment that holds every other call: this lookup is
            // the deployment's own. The polling is not: it is counted and faulted like any client's calls.
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)
                            .overrideConfiguration(o -> o.putHeader(DeploymentGate.HEADER, "true")))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            return new SqsQueue(sqs, url, arn);
        } catch (QueueDoesNotExistException e) {
            throw new IllegalArgumentException("no SQS queue at " + url + ": create it before its event source mapping", e);
        }
    }

    String url() {
        return url;
    }

    String arn() {
        return arn;
    }

    /** {@code arn:aws:sqs:<region>:<account>:<name>}. */
    String region() {
        return arn.split(":")[3];
    }

    String accountId() {
        return arn.split(":")[4];
    }

    /** Up to {@code max} (at most 10) messages with every attribute, waiting up to {@code waitSeconds} for one. */
    List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(url)
                .maxNumberOfMessages(Math.min(max, MAX_PER_CALL))
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    /** Deletes the messages (by their receipt handles), ten per call. */
    void delete(List<Message> messages) {
        for (List<Message> chunk : chunks(messages)) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
        }
    }

    /** Makes received messages visible again at once (for those a stopped mapping received but will not process). */
    void release(List<Message> messages) {
        for (List<Message> chunk : chunks(messages)) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries));
        }
    }

    /** How many messages the queue holds, and how it treats failures. */
    QueueState state() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        int messages = count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                + count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                + count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        Duration visibilityTimeout = Duration.ofSeconds(count(attributes, QueueAttributeName.VISIBILITY_TIMEOUT));
        return new QueueState(messages, visibilityTimeout, attributes.containsKey(QueueAttributeName.REDRIVE_POLICY));
    }

    /**
     * @param messages          visible, in flight and delayed
     * @param redrivePolicy     whether messages that keep failing move to a dead-letter queue
     */
    record QueueState(int messages, Duration visibilityTimeout, boolean redrivePolicy) {
    }

    private static int count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static List<List<Message>> chunks(List<Message> messages) {
        List<List<Message>> out = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += MAX_PER_CALL) {
            out.add(messages.subList(from, Math.min(messages.size(), from + MAX_PER_CALL)));
        }
        return out;
    }
}
