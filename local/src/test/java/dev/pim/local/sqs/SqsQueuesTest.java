package dev.pim.local.sqs;

import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQS through the real SDK: queues, messages, visibility, dead-letter queues, FIFO, reset. */
class SqsQueuesTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final SqsClient sqs = SqsClients.sqs(cloud);

    @Test
    void aQueueUrlNamesTheLocalCloudAndTheFixturesFirstAccount() {
        String url = sqs.createQueue(r -> r.queueName("requests")).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);

        assertThat(url).isEqualTo(cloud.endpoint() + "/111122223333/requests");
        assertThat(arn).isEqualTo("arn:aws:sqs:us-west-2:111122223333:requests");
        assertThat(sqs.getQueueUrl(r -> r.queueName("requests")).queueUrl()).isEqualTo(url);
    }

    @Test
    void sendsReceivesAndDeletesAMessage() {
        String url = sqs.createQueue(r -> r.queueName("requests")).queueUrl();
        String sent = sqs.sendMessage(r -> r.queueUrl(url).messageBody("{\"cluster\":\"demo\"}")).messageId();

        Message received = receiveOne(url);
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(received.receiptHandle()));

        assertThat(received.messageId()).isEqualTo(sent);
        assertThat(received.body()).isEqualTo("{\"cluster\":\"demo\"}");
        assertThat(messagesIn(url)).isZero();
    }

    @Test
    void aReceivedMessageStaysHiddenUntilItsVisibilityTimeoutPassesOnTheEmulatorsClock() {
        String url = sqs.createQueue(r -> r.queueName("requests")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("once"));
        receiveOne(url);

        List<Message> whileHidden = sqs.receiveMessage(r -> r.queueUrl(url)).messages();
        cloud.cloud().clock().advance(Duration.ofSeconds(31));
        Message again = receiveOne(url);

        assertThat(whileHidden).isEmpty();
        assertThat(again.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2");
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
        String url = SqsClients.queueWithDeadLetterQueue(sqs, "requests", 2, 30);
        String dlqUrl = sqs.getQueueUrl(r -> r.queueName("requests-dlq")).queueUrl();
        String sent = sqs.sendMessage(r -> r.queueUrl(url).messageBody("poison")).messageId();

        receiveOne(url);
        cloud.cloud().clock().advance(Duration.ofSeconds(31));
        receiveOne(url);
        cloud.cloud().clock().advance(Duration.ofSeconds(31));
        List<Message> third = sqs.receiveMessage(r -> r.queueUrl(url)).messages();

        assertThat(third).isEmpty();
        assertThat(receiveOne(dlqUrl).messageId()).isEqualTo(sent);
        assertThat(sqs.listDeadLetterSourceQueues(r -> r.queueUrl(dlqUrl)).queueUrls()).containsExactly(url);
    }

    @Test
    void aFifoQueueDropsADuplicateSentWithinTheDeduplicationInterval() {
        String url = sqs.createQueue(r -> r.queueName("requests.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        for (String body : List.of("first", "duplicate")) {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId("demo").messageDeduplicationId("run-1"));
        }
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("second").messageGroupId("demo").messageDeduplicationId("run-2"));

        ReceiveMessageResponse received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10));

        assertThat(received.messages()).extracting(Message::body).containsExactly("first", "second");
    }

    @Test
    void aQueueThatDoesNotExistIsQueueDoesNotExistException() {
        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("nope")))
                .isInstanceOfSatisfying(QueueDoesNotExistException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void resetDeletesEveryQueue() {
        sqs.createQueue(r -> r.queueName("requests"));

        cloud.cloud().reset();

        assertThat(sqs.listQueues().queueUrls()).isEmpty();
        assertThat(cloud.counters().count("sqs:ListQueues")).isEqualTo(1);
    }

    @Test
    void aLongPollIsServedWhileTheStateLockIsHeld() {
        String url = sqs.createQueue(r -> r.queueName("requests")).queueUrl();
        // Holding the state lock stops every IAM, STS, EKS and Kubernetes call; SQS calls must not wait for it.
        String body = cloud.cloud().read(state -> CompletableFuture.supplyAsync(() -> {
            CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(
                    () -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(10)).messages());
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("sent during the poll"));
            return poll.join().get(0).body();
        }).completeOnTimeout("blocked by the state lock", 20, TimeUnit.SECONDS).join());

        assertThat(body).isEqualTo("sent during the poll");
    }

    @Test
    void resetDoesNotWaitForALongPollInFlight() throws InterruptedException {
        String url = sqs.createQueue(r -> r.queueName("requests")).queueUrl();
        CompletableFuture<?> poll = CompletableFuture.runAsync(() -> {
            try {
                sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20));
            } catch (RuntimeException e) {
                // The poll fails when ElasticMQ goes away under it: what it does is not the point here.
            }
        });
        waitUntilPolling();

        long started = System.nanoTime();
        cloud.cloud().reset();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(sqs.listQueues().queueUrls()).isEmpty();
        poll.join();
    }

    private static void waitUntilPolling() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cloud.counters().count("sqs:ReceiveMessage") == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(cloud.counters().count("sqs:ReceiveMessage")).isEqualTo(1);
        // Counted means on its way to ElasticMQ; nothing tells when it arrived, so give it the time to.
        Thread.sleep(300);
    }

    private Message receiveOne(String url) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private int messagesIn(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
