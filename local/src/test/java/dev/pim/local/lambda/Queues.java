package dev.pim.local.lambda;

import dev.pim.local.iam.AwsClients;
import dev.pim.local.junit.LocalCloudExtension;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;

/** The test's side of SQS: queues to create, messages to send, what is left. */
final class Queues implements AutoCloseable {
    private final SqsClient sqs;

    Queues(LocalCloudExtension cloud) {
        this.sqs = SqsClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsClients.DEMO_KEY))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    String create(String name) {
        return sqs.createQueue(r -> r.queueName(name)).queueUrl();
    }

    /** A queue whose messages move to {@code <name>-dlq} after {@code maxReceiveCount} receives. */
    String createWithDeadLetterQueue(String name, int maxReceiveCount) {
        create(name + "-dlq");
        String redrive = "{\"deadLetterTargetArn\":\"" + arn(name + "-dlq") + "\",\"maxReceiveCount\":\""
                + maxReceiveCount + "\"}";
        return sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
    }

    String url(String name) {
        return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
    }

    String arn(String name) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url(name)).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    void send(String url, String... bodies) {
        for (String body : bodies) {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
        }
    }

    /** A FIFO queue with content-based deduplication. */
    String createFifo(String name) {
        return sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
    }

    void sendToGroup(String url, String group, String... bodies) {
        for (String body : bodies) {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId(group));
        }
    }

    void sendWithAttribute(String url, String body, String attribute, String value) {
        sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageAttributes(Map.of(attribute,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build())));
    }

    /** Every message visible in the queue now (received, so hidden for its visibility timeout afterwards). */
    List<Message> receiveAll(String url) {
        return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All")).messages();
    }

    /** Visible, in flight and delayed. */
    int messagesIn(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    @Override
    public void close() {
        sqs.close();
    }
}
