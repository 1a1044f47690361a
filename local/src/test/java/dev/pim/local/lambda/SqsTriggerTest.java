package dev.pim.local.lambda;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lambda's limits on an SQS event source mapping. */
class SqsTriggerTest {
    private static final String QUEUE = "http://127.0.0.1:4566/111122223333/requests";
    private static final String FIFO_QUEUE = "http://127.0.0.1:4566/111122223333/requests.fifo";

    @Test
    void defaultsToBatchesOfTenWithoutWindowOrPartialResponses() {
        assertThat(SqsTrigger.of(QUEUE, "Dispatch"))
                .isEqualTo(new SqsTrigger(QUEUE, "Dispatch", 10, Duration.ZERO, false));
    }

    @Test
    void aBatchOverTenNeedsABatchingWindow() {
        assertThatThrownBy(() -> SqsTrigger.of(QUEUE, "Dispatch").withBatchSize(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MaximumBatchingWindowInSeconds must be greater than 0");
        assertThat(SqsTrigger.of(QUEUE, "Dispatch").withMaximumBatchingWindow(Duration.ofSeconds(5)).withBatchSize(100)
                .batchSize()).isEqualTo(100);
    }

    @Test
    void refusesBatchSizesAndWindowsOutsideLambdasLimits() {
        assertThatThrownBy(() -> SqsTrigger.of(QUEUE, "Dispatch").withBatchSize(0))
                .hasMessageContaining("BatchSize must be between 1 and 10000 for a standard queue, got 0");
        assertThatThrownBy(() -> SqsTrigger.of(QUEUE, "Dispatch").withMaximumBatchingWindow(Duration.ofSeconds(301)))
                .hasMessageContaining("MaximumBatchingWindowInSeconds must be between 0 and 300, got 301");
    }

    @Test
    void aFifoQueueTakesBatchesOfTenAtMostAndNoWindow() {
        assertThatThrownBy(() -> SqsTrigger.of(FIFO_QUEUE, "Dispatch").withBatchSize(11))
                .hasMessageContaining("BatchSize must be between 1 and 10 for a FIFO queue, got 11");
        assertThatThrownBy(() -> SqsTrigger.of(FIFO_QUEUE, "Dispatch").withMaximumBatchingWindow(Duration.ofSeconds(1)))
                .hasMessageContaining("not supported for FIFO queue");
    }
}
