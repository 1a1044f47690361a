package dev.pim.integration.fleet;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.pipeline.LocalFleet;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.fleet.Dispatcher;
import dev.pim.integration.ExecutionWaits;
import dev.pim.integration.TestCredentials;
import dev.pim.local.fault.ErrorRule;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet functions' sample events ({@code events/handlers/}, what {@code sam local invoke -e} sends, loaded by the
 * test library's {@code @Event}), invoked through the local cloud's Lambda API on the demo fixture, as the scheduler
 * and the SQS trigger invoke them.
 */
@ExtendWith(TestCredentials.class)
class FleetHandlerEventsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private LocalPipeline pipeline;
    private LocalFleet fleet;

    @BeforeEach
    void deploy() {
        pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        pipeline.deploy();
        fleet = new LocalFleet(cloud.cloud(), pipeline, "us-west-2");
        fleet.deploy(LocalFleet.Settings.of(FixtureLoader.load("demo"), 5, false));
    }

    @AfterEach
    void undeploy() {
        fleet.close();
    }

    @ParameterizedTest
    @Event(value = "events/handlers/fleet-scan.json", type = Map.class)
    void theScheduleEventScansAndQueuesTheDemoCluster(Map<String, Object> event) throws Exception {
        JsonNode result = invoke(LocalFleet.SCAN_FUNCTION, JSON.writeValueAsString(event));

        assertThat(result.path("clusters").asInt()).isEqualTo(1);
        assertThat(result.path("queued").asInt()).isEqualTo(1);
        try (var sqs = fleet.sqsClient()) {
            String body = sqs.receiveMessage(r -> r.queueUrl(fleet.queueUrl(LocalFleet.MIGRATION_QUEUE))).messages().get(0).body();
            JsonNode request = JSON.readTree(body);
            assertThat(request.path("cluster").asText()).isEqualTo("demo");
            assertThat(request.path("requestId").asText()).isEqualTo("scan-20261122T0600Z");
            assertThat(request.has("assumeRoleArn")).as("the home account needs no role").isFalse();
        }
    }

    @ParameterizedTest
    @Event(value = "events/handlers/dispatch.json", type = Map.class)
    void theSqsEventStartsTheValidRequestAndReportsTheMalformedOne(Map<String, Object> event) throws Exception {
        String payload = JSON.writeValueAsString(event);
        JsonNode response = invoke("DispatchFunction", payload);

        assertThat(response.path("batchItemFailures").toString())
                .isEqualTo("[{\"itemIdentifier\":\"2c7d9e40-5b1f-4f0e-8a6d-3e2f1a9c7b02\"}]");
        List<ExecutionListItem> executions;
        try (SfnClient sfn = pipeline.sfnClient()) {
            executions = sfn.listExecutionsPaginator(r -> r.stateMachineArn(pipeline.stateMachineArn())).executions().stream().toList();
        }
        String expectedName = Dispatcher.parse(JSON.readTree(payload).at("/Records/0/body").asText()).executionName();
        assertThat(executions).extracting(ExecutionListItem::name).containsExactly(expectedName);
    }

    @Test
    void everyReportReachesTheResultsQueueAndAnUnreachableQueueDoesNotFailTheExecution() throws Exception {
        try (SfnClient sfn = pipeline.sfnClient(); var sqs = fleet.sqsClient()) {
            // Every try of the first run's publish fails (the SDK retries a 500).
            cloud.faults().error(ErrorRule.withProbability("sqs:SendMessage", 1.0));
            var first = ExecutionWaits.awaitEnd(sfn, sfn.startExecution(r -> r.stateMachineArn(pipeline.stateMachineArn())
                    .name("plan-1").input("{\"cluster\": \"demo\"}")).executionArn(), Duration.ofMinutes(2));
            cloud.faults().reset();
            var second = ExecutionWaits.awaitEnd(sfn, sfn.startExecution(r -> r.stateMachineArn(pipeline.stateMachineArn())
                    .name("plan-2").input("{\"cluster\": \"demo\"}")).executionArn(), Duration.ofMinutes(2));

            assertThat(first.statusAsString()).as(first.cause()).isEqualTo("SUCCEEDED");
            assertThat(JSON.readTree(first.output()).path("status").asText()).isEqualTo("PLANNED");
            assertThat(second.statusAsString()).as(second.cause()).isEqualTo("SUCCEEDED");
            var published = sqs.receiveMessage(r -> r.queueUrl(fleet.queueUrl(LocalFleet.RESULTS_QUEUE)).maxNumberOfMessages(10))
                    .messages();
            assertThat(published).hasSize(1);
            assertThat(JSON.readTree(published.get(0).body())).isEqualTo(JSON.readTree(second.output()));
        }
    }

    private JsonNode invoke(String function, String payload) throws IOException {
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMinutes(2))).build()) {
            InvokeResponse response = lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
            String body = response.payload().asString(StandardCharsets.UTF_8);
            assertThat(response.functionError()).as(body).isNull();
            return JSON.readTree(body);
        }
    }
}
