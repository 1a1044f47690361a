package dev.pim.handler;

import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NapHandlerTest {

    @Test
    void changesNothingAndSaysSo() {
        StepSummary summary = new NapHandler(() -> null).handle(null, null, MetricsFactory.getMetricsInstance());

        assertEquals(new StepSummary("nap", 0, 0, 0, 0, null), summary);
    }
}
