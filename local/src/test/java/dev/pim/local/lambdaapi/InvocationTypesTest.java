package dev.pim.local.lambdaapi;

import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.lambdaapi.handlers.GatedRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event runs the function in the background after answering 202; DryRun only checks (204). */
class InvocationTypesTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private LambdaClient lambda;

    @BeforeEach
    void registerFunctions() {
        cloud.cloud().stepFunctions().lambdas().register("FleetScanFunction", GatedRecorder.class);
        GatedRecorder.closeGate();
        lambda = LambdaClients.create(cloud);
    }

    @AfterEach
    void openGateAndCloseClient() {
        GatedRecorder.openGate();
        lambda.close();
    }

    @Test
    void answersAnEventInvocation202BeforeTheHandlerIsDoneThenRunsIt() throws InterruptedException {
        InvokeResponse response = lambda.invoke(r -> r.functionName("FleetScanFunction")
                .invocationType(InvocationType.EVENT).payload(LambdaClients.json("{\"source\": \"schedule\"}")));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.payload().asByteArray()).isEmpty();
        assertThat(GatedRecorder.events()).as("the handler waits for its gate: nothing is recorded yet").isEmpty();
        GatedRecorder.openGate();
        assertThat(cloud.cloud().lambdaApi().awaitEventInvocations(Duration.ofSeconds(10))).isTrue();
        assertThat(GatedRecorder.events()).containsExactly("{\"source\": \"schedule\"}");
    }

    @Test
    void resetWaitsForTheEventInvocationsInProgress() {
        lambda.invoke(r -> r.functionName("FleetScanFunction").invocationType(InvocationType.EVENT)
                .payload(LambdaClients.json("{}")));
        new Thread(() -> {
            sleep(Duration.ofMillis(300));
            GatedRecorder.openGate();
        }).start();

        cloud.cloud().reset();

        assertThat(GatedRecorder.events()).containsExactly("{}");
    }

    @Test
    void answersADryRun204WithoutRunningTheHandler() throws InterruptedException {
        GatedRecorder.openGate();

        InvokeResponse response = lambda.invoke(r -> r.functionName("FleetScanFunction")
                .invocationType(InvocationType.DRY_RUN).payload(LambdaClients.json("{}")));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(cloud.cloud().lambdaApi().awaitEventInvocations(Duration.ofSeconds(10))).isTrue();
        assertThat(GatedRecorder.events()).isEmpty();
        assertThat(cloud.counters().count("lambda:Invoke")).isEqualTo(1);
    }

    @Test
    void refusesADryRunOfAnUnknownFunction() {
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("Nope").invocationType(InvocationType.DRY_RUN)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void refusesAnEventInvocationOfAnUnknownFunctionAtOnce() {
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("Nope").invocationType(InvocationType.EVENT)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: arn:aws:lambda:us-west-2:111122223333:function:Nope");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
