package dev.pim.local.sqs;

import dev.pim.local.iam.AwsClients;
import dev.pim.local.junit.LocalCloudExtension;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

/** The real SDK's SQS client pointed at the emulator, without retries, so a test sees exactly the answer given. */
final class SqsClients {
    private SqsClients() {
    }

    static SqsClient sqs(LocalCloudExtension cloud) {
        return SqsClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsClients.DEMO_KEY))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Creates {@code name} with a dead-letter queue {@code name-dlq} taking what was received {@code maxReceiveCount} times. */
    static String queueWithDeadLetterQueue(SqsClient sqs, String name, int maxReceiveCount, int visibilityTimeoutSeconds) {
        String dlqUrl = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
        return sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)))).queueUrl();
    }
}
