package dev.pim.local.sqs;

import dev.pim.local.fault.ErrorRule;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Counters, faults, and both wire protocols (JSON 1.0 through the SDK, the query protocol by hand). */
class SqsFaultsAndWireFormatTest {
    private static final String SIGNED_FOR_SQS =
            "AWS4-HMAC-SHA256 Credential=test/20250101/us-west-2/sqs/aws4_request, SignedHeaders=host, Signature=0";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final SqsClient sqs = SqsClients.sqs(cloud);

    @Test
    void callsAreCountedByOperationAndTheOnesChangingQueuesOrMessagesAsMutating() {
        String url = sqs.createQueue(r -> r.queueName("requests")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("one"));
        sqs.receiveMessage(r -> r.queueUrl(url));
        sqs.getQueueAttributes(r -> r.queueUrl(url));
        sqs.listQueues();

        assertThat(cloud.counters().snapshot()).containsEntry("sqs:CreateQueue", 1L).containsEntry("sqs:SendMessage", 1L)
                .containsEntry("sqs:ReceiveMessage", 1L).containsEntry("sqs:GetQueueAttributes", 1L)
                .containsEntry("sqs:ListQueues", 1L);
        assertThat(cloud.counters().mutatingSnapshot())
                .containsOnlyKeys("sqs:CreateQueue", "sqs:SendMessage", "sqs:ReceiveMessage");
    }

    @Test
    void callsOverTheRateLimitAreRequestThrottledAsSqsThrottles() {
        String url = sqs.createQueue(r -> r.queueName("requests")).queueUrl();
        cloud.faults().rateLimit("sqs:write", 0.01, 1);
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("within the burst"));

        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("over the limit")))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestThrottled");
                    assertThat(RetryUtils.isThrottlingException(e)).isTrue();
                });
        assertThat(sqs.getQueueUrl(r -> r.queueName("requests")).queueUrl()).as("reads are not limited").isEqualTo(url);
    }

    @Test
    void anInjectedFailureWithoutACodeIsInternalError() {
        cloud.faults().error(ErrorRule.onCall("sqs:ListQueues", 1));

        assertThatThrownBy(sqs::listQueues).isInstanceOfSatisfying(SqsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
        });
        assertThat(sqs.listQueues().queueUrls()).isEmpty();
    }

    @Test
    void anInjectedSqsErrorComesBackAsItsModelledException() {
        String url = sqs.createQueue(r -> r.queueName("requests")).queueUrl();
        cloud.faults().error(ErrorRule.onCall("sqs:SendMessage", 1)
                .answering("QueueDoesNotExist", 400, "The specified queue does not exist."));

        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("lost")))
                .isInstanceOf(QueueDoesNotExistException.class)
                .hasMessageContaining("The specified queue does not exist.");
    }

    @Test
    void afterTheCrashEveryCallFailsWithEmulatedCrash() {
        cloud.faults().crashAfterMutatingCalls(1);
        sqs.createQueue(r -> r.queueName("requests"));

        assertThatThrownBy(sqs::listQueues).isInstanceOfSatisfying(SqsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EmulatedCrash");
        });
    }

    @Test
    void aQueryProtocolRequestIsAnsweredInXml() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("requests")).queueUrl();

        HttpResponse<String> listed = query("/", "Action=ListQueues&Version=2012-11-05");
        HttpResponse<String> sent = query(URI.create(url).getPath(),
                "Action=SendMessage&MessageBody=by+form&Version=2012-11-05");

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("<ListQueuesResponse", "<QueueUrl>" + url + "</QueueUrl>");
        assertThat(sent.body()).contains("<SendMessageResponse", "<MD5OfMessageBody>");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0).body()).isEqualTo("by form");
        assertThat(cloud.counters().count("sqs:SendMessage")).isEqualTo(1);
    }

    @Test
    void aThrottledQueryRequestGetsAnXmlErrorResponse() throws Exception {
        cloud.faults().rateLimit("sqs:read", 0.01, 1);
        query("/", "Action=ListQueues&Version=2012-11-05");

        HttpResponse<String> throttled = query("/", "Action=ListQueues&Version=2012-11-05");

        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(throttled.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(throttled.body()).contains("<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">",
                "<Type>Sender</Type>", "<Code>RequestThrottled</Code>", "<Message>Rate exceeded</Message>");
    }

    @Test
    void aQueryRequestWithoutAnActionIsMissingAction() throws Exception {
        HttpResponse<String> answer = query("/", "Version=2012-11-05");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>MissingAction</Code>", "Action");
    }

    @Test
    void aJsonRequestWithoutAnSqsTargetIsAnUnknownOperation() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(cloud.endpoint().resolve("/"))
                .header("Authorization", SIGNED_FOR_SQS)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQSv2.ListQueues")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("com.amazon.coral.service#UnknownOperationException", "AmazonSQSv2.ListQueues");
    }

    private static HttpResponse<String> query(String path, String form) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(cloud.endpoint().resolve(path))
                .header("Authorization", SIGNED_FOR_SQS)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
