package dev.pim.local.lambda;

import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.lambda.handlers.Deliveries;
import dev.pim.local.lambda.handlers.PartialFailureHandler;
import dev.pim.local.lambda.handlers.ThrowingHandler;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an SQS event source mapping deletes and leaves, by how the function ended. */
class SqsBatchFailureTest {
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final Queues queues = new Queues(cloud);

    @BeforeEach
    void forgetDeliveries() {
        Deliveries.clear();
    }

    @Test
    void deletesEachMessageTheFunctionProcessedExactlyOnce() {
        String url = queues.create("requests");
        queues.send(url, "cluster-a", "cluster-b", "cluster-c");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch").withReportBatchItemFailures(true), PartialFailureHandler.class);

        DrainResult result = mapping.drain(DRAIN_TIMEOUT);

        assertThat(result).isEqualTo(new DrainResult(1, 3, 0, 0, DrainResult.Ending.EMPTY));
        assertThat(Deliveries.timesDelivered()).isEqualTo(Map.of("cluster-a", 1L, "cluster-b", 1L, "cluster-c", 1L));
        assertThat(cloud.counters().count("sqs:DeleteMessageBatch")).isEqualTo(1);
        assertThat(queues.messagesIn(url)).isZero();
    }

    @Test
    void redeliversOnlyTheReportedFailuresThenTheQueueDeadLettersThem() {
        String url = queues.createWithDeadLetterQueue("requests", 2);
        queues.send(url, "cluster-a", "fail-cluster-b", "cluster-c");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch").withReportBatchItemFailures(true), PartialFailureHandler.class);
        Instant before = cloud.cloud().clock().now();

        DrainResult result = mapping.drain(DRAIN_TIMEOUT);

        assertThat(result).isEqualTo(new DrainResult(2, 2, 2, 0, DrainResult.Ending.EMPTY));
        assertThat(Deliveries.timesDelivered())
                .isEqualTo(Map.of("cluster-a", 1L, "fail-cluster-b", 2L, "cluster-c", 1L));
        assertThat(queues.receiveAll(queues.url("requests-dlq"))).extracting(Message::body)
                .containsExactly("fail-cluster-b");
        assertThat(Duration.between(before, cloud.cloud().clock().now()))
                .as("the clock moved over the visibility timeouts instead of the test sleeping")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aThrowingFunctionLeavesItsWholeBatchInTheQueue() {
        String url = queues.create("requests");
        queues.send(url, "cluster-a", "fail-cluster-b");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch"), ThrowingHandler.class);

        DrainResult result = mapping.drain(DRAIN_TIMEOUT);

        assertThat(result).isEqualTo(new DrainResult(3, 0, 6, 2, DrainResult.Ending.ONLY_FAILING_MESSAGES_LEFT));
        assertThat(Deliveries.timesDelivered()).isEqualTo(Map.of("cluster-a", 3L, "fail-cluster-b", 3L));
        assertThat(queues.messagesIn(url)).isEqualTo(2);
    }

    @Test
    void withoutReportBatchItemFailuresAFunctionThatReturnedProcessedItsWholeBatch() {
        String url = queues.create("requests");
        queues.send(url, "cluster-a", "fail-cluster-b");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch"), PartialFailureHandler.class);

        DrainResult result = mapping.drain(DRAIN_TIMEOUT);

        assertThat(result).isEqualTo(new DrainResult(1, 2, 0, 0, DrainResult.Ending.EMPTY));
        assertThat(Deliveries.timesDelivered()).isEqualTo(Map.of("cluster-a", 1L, "fail-cluster-b", 1L));
    }

    @Test
    void aBatchResponseNamingAnotherMessageFailsTheWholeBatch() {
        String url = queues.createWithDeadLetterQueue("requests", 1);
        queues.send(url, "cluster-a", "report-unknown");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch").withReportBatchItemFailures(true), PartialFailureHandler.class);

        DrainResult result = mapping.drain(DRAIN_TIMEOUT);

        assertThat(result).isEqualTo(new DrainResult(1, 0, 2, 0, DrainResult.Ending.EMPTY));
        assertThat(queues.receiveAll(queues.url("requests-dlq"))).extracting(Message::body)
                .containsExactlyInAnyOrder("cluster-a", "report-unknown");
    }

    @Test
    void aFifoQueueIsDeliveredInOrderWithinItsGroup() {
        String url = queues.createFifo("requests.fifo");
        queues.sendToGroup(url, "demo", "first", "second", "third");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch").withReportBatchItemFailures(true), PartialFailureHandler.class);

        DrainResult result = mapping.drain(DRAIN_TIMEOUT);

        assertThat(result).isEqualTo(new DrainResult(1, 3, 0, 0, DrainResult.Ending.EMPTY));
        assertThat(Deliveries.bodies()).containsExactly("first", "second", "third");
    }

    @Test
    void aDrainThatCannotSettleInTimeFailsSayingWhatIsLeft() {
        String url = queues.create("requests");
        queues.send(url, "cluster-a");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch"), PartialFailureHandler.class);

        assertThatThrownBy(() -> mapping.drain(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not settle within PT0S: 1 message(s) left after 0 invocation(s)");
    }

    @Test
    void theBatchSizeLimitsHowManyMessagesOneInvocationGets() {
        String url = queues.create("requests");
        queues.send(url, "a", "b", "c", "d", "e");
        SqsEventSourceMapping mapping = cloud.cloud().eventSourceMappings().create(
                SqsTrigger.of(url, "Dispatch").withBatchSize(2), PartialFailureHandler.class);

        DrainResult result = mapping.drain(DRAIN_TIMEOUT);

        assertThat(result.invocations()).isEqualTo(3);
        assertThat(Deliveries.batchSizes()).containsExactly(2, 2, 1);
        assertThat(Deliveries.timesDelivered()).hasSize(5).allSatisfy((body, times) -> assertThat(times).isEqualTo(1));
    }
}
