package dev.pim.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.cli.AwsCli;
import dev.pim.local.cli.AwsCli.Run;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** SQS as the installed AWS CLI sees it (botocore's JSON protocol with its query-compatible error handling). */
class SqsCliTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean AWS_CLI_INSTALLED = AwsCli.installed();

    /** Per test, not per class, so that every skipped test shows in the report with the reason. */
    @BeforeEach
    void requireTheAwsCli() {
        assumeTrue(AWS_CLI_INSTALLED, "the AWS CLI ('aws') is not installed, so SQS through it is not checked");
    }

    @Test
    void createsAQueueThenSendsReceivesAndDeletesAMessage() throws Exception {
        String url = aws("sqs", "create-queue", "--queue-name", "requests").json().path("QueueUrl").asText();
        String sent = aws("sqs", "send-message", "--queue-url", url, "--message-body", "{\"cluster\":\"demo\"}")
                .json().path("MessageId").asText();
        JsonNode received = aws("sqs", "receive-message", "--queue-url", url, "--attribute-names", "All")
                .json().path("Messages").get(0);
        Run deleted = aws("sqs", "delete-message", "--queue-url", url, "--receipt-handle",
                received.path("ReceiptHandle").asText());
        JsonNode attributes = aws("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
                .json().path("Attributes");

        assertThat(url).isEqualTo(cloud.endpoint() + "/111122223333/requests");
        assertThat(received.path("MessageId").asText()).isEqualTo(sent);
        assertThat(received.path("Body").asText()).isEqualTo("{\"cluster\":\"demo\"}");
        assertThat(received.path("Attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
        assertThat(attributes.path("ApproximateNumberOfMessages").asText()).isEqualTo("0");
        assertThat(attributes.path("QueueArn").asText()).isEqualTo("arn:aws:sqs:us-west-2:111122223333:requests");
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesEndsInTheDeadLetterQueue() throws Exception {
        String dlq = aws("sqs", "create-queue", "--queue-name", "requests-dlq").json().path("QueueUrl").asText();
        String redrive = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-west-2:111122223333:requests-dlq\",\"maxReceiveCount\":\"1\"}";
        String url = aws("sqs", "create-queue", "--queue-name", "requests", "--attributes",
                JSON.writeValueAsString(Map.of("RedrivePolicy", redrive, "VisibilityTimeout", "30")))
                .json().path("QueueUrl").asText();
        aws("sqs", "send-message", "--queue-url", url, "--message-body", "poison");

        aws("sqs", "receive-message", "--queue-url", url);
        cloud.cloud().clock().advance(Duration.ofSeconds(31));
        Run second = aws("sqs", "receive-message", "--queue-url", url);
        Run dead = aws("sqs", "receive-message", "--queue-url", dlq);

        // ElasticMQ answers an empty receive with "Messages": [] where SQS leaves the member out.
        assertThat(second.json().path("Messages")).as("nothing left to receive").isEmpty();
        assertThat(dead.json().path("Messages").get(0).path("Body").asText()).isEqualTo("poison");
    }

    @Test
    void anUnknownQueueFailsWithQueueDoesNotExist() throws Exception {
        Run run = aws("sqs", "get-queue-url", "--queue-name", "nope");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("QueueDoesNotExist");
    }

    @Test
    void aThrottledCallFailsWithRequestThrottled() throws Exception {
        cloud.faults().rateLimit("sqs:read", 0.01, 1);
        aws("sqs", "list-queues");

        Run run = aws("sqs", "list-queues");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("(RequestThrottled)", "Rate exceeded");
    }

    private static Run aws(String... args) throws IOException, InterruptedException {
        return AwsCli.run(cloud, args);
    }
}
