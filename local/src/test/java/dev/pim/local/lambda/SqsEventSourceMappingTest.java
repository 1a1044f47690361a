package dev.pim.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.lambda.handlers.Deliveries;
import dev.pim.local.lambda.handlers.PartialFailureHandler;
import dev.pim.local.lambda.handlers.RawEventHandler;
import dev.pim.local.lambda.handlers.ResultForwardingHandler;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event source mappings: the event handlers get, where they find AWS, background polling, lifecycle. */
class SqsEventSourceMappingTest {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final Queues queues = new Queues(cloud);

    @BeforeEach
    void forgetDeliveries() {
        Deliveries.clear();
    }

    @Test
    void aStreamHandlerGetsLambdasSqsEventJson() throws Exception {
        String url = queues.create("requests");
        queues.sendWithAttribute(url, "{\"cluster\":\"demo\"}", "kind", "migration");
        cloud.cloud().eventSourceMappings().create(SqsTrigger.of(url, "Raw"), RawEventHandler.class).drain(DRAIN_TIMEOUT);

        JsonNode record = JSON.readTree(Deliveries.rawEvents().get(0)).path("Records").get(0);

        assertThat(record.path("body").asText()).isEqualTo("{\"cluster\":\"demo\"}");
        assertThat(record.path("messageId").asText()).isNotEmpty();
        assertThat(record.path("receiptHandle").asText()).isNotEmpty();
        assertThat(record.path("md5OfBody").asText()).hasSize(32);
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo("arn:aws:sqs:us-west-2:111122223333:requests");
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-west-2");
        assertThat(record.path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(record.path("attributes").path("SentTimestamp").asText()).matches("\\d{13}");
        assertThat(record.path("messageAttributes").path("kind"))
                .isEqualTo(JSON.readTree("{\"stringValue\": \"migration\", \"stringListValues\": [],"
                        + " \"binaryListValues\": [], \"dataType\": \"String\"}"));
    }

    @Test
    void aHandlerReachesTheLocalCloudThroughTheSdksOwnSettings() {
        String url = queues.create("requests");
        String results = queues.create("results");
        queues.send(url, "cluster-a", "cluster-b");
        cloud.cloud().eventSourceMappings().create(SqsTrigger.of(url, "Forward"), ResultForwardingHandler.class)
                .drain(DRAIN_TIMEOUT);

        List<Message> forwarded = queues.receiveAll(results);

        assertThat(forwarded).extracting(Message::body).containsExactlyInAnyOrder("CLUSTER-A", "CLUSTER-B");
        assertThat(forwarded.get(0).messageAttributes()).hasEntrySatisfying("source",
                        v -> assertThat(v.stringValue()).isEqualTo("arn:aws:sqs:us-west-2:111122223333:requests"))
                .hasEntrySatisfying("region", v -> assertThat(v.stringValue()).isEqualTo("us-west-2"))
                .hasEntrySatisfying("function", v -> assertThat(v.stringValue())
                        .isEqualTo("arn:aws:lambda:us-west-2:111122223333:function:Forward"));
    }

    @Test
    void aStartedMappingProcessesMessagesInTheBackgroundUntilStopped() throws InterruptedException {
        String url = queues.create("requests");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch").withReportBatchItemFailures(true), PartialFailureHandler.class);

        mapping.start();
        queues.send(url, "cluster-a", "cluster-b");
        awaitDeliveries(2);
        mapping.stop();
        queues.send(url, "after the stop");

        assertThat(mapping.running()).isFalse();
        assertThat(Deliveries.timesDelivered()).isEqualTo(Map.of("cluster-a", 1L, "cluster-b", 1L));
        assertThat(queues.receiveAll(url)).extracting(Message::body).containsExactly("after the stop");
    }

    @Test
    void aRunningMappingCannotBeDrained() {
        String url = queues.create("requests");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch"), PartialFailureHandler.class);
        mapping.start();

        assertThatThrownBy(() -> mapping.drain(DRAIN_TIMEOUT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stop it before draining");
    }

    @Test
    void resetStopsAndForgetsEveryMapping() {
        String url = queues.create("requests");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch"), PartialFailureHandler.class);
        mapping.start();

        cloud.cloud().reset();

        assertThat(mapping.running()).isFalse();
        assertThat(cloud.cloud().eventSourceMappings().list()).isEmpty();
    }

    @Test
    void aMappingNeedsARegisteredFunctionAndAnExistingQueue() {
        String url = queues.create("requests");
        String missing = url.replace("requests", "missing");

        assertThatThrownBy(() -> cloud.cloud().eventSourceMappings().create(SqsTrigger.of(url, "NeverRegistered")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Function not found: NeverRegistered");
        assertThatThrownBy(() -> cloud.cloud().eventSourceMappings().create(SqsTrigger.of(missing, "Dispatch"),
                PartialFailureHandler.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no SQS queue at " + missing);
    }

    private static void awaitDeliveries(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Deliveries.timesDelivered().values().stream().mapToLong(Long::longValue).sum() < count) {
            assertThat(System.nanoTime()).as("delivered within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
