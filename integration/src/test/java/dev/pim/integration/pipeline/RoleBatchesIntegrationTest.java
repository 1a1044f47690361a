package dev.pim.integration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.ExecutionWaits;
import dev.pim.integration.TestCredentials;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role Maps' batches through the deployed state machine on the local cloud: a batch whose Lambda fails outright
 * ends its child execution with a bounded crash line (not a failed Map), and a cluster too large for one execution
 * under the chosen roleBatchSize is refused by Discover, naming the limit, before any write to IAM or EKS.
 */
@ExtendWith(TestCredentials.class)
class RoleBatchesIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @Test
    void aClusterTooLargeForTheBatchSizeIsRefusedBeforeAnyWriteNamingTheLimit() throws Exception {
        cloud.cloud().reset(FixtureLoader.parse("scale.yaml", ScaleIntegrationTest.fixture(1_100, 1_100)));
        LocalPipeline pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        String stateMachine = pipeline.deploy();
        cloud.counters().reset();
        try (SfnClient sfn = pipeline.sfnClient()) {
            String arn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name("too-large")
                    .input("{\"cluster\": \"scale\", \"approve\": true, \"roleBatchSize\": 1}")).executionArn();
            DescribeExecutionResponse done = ExecutionWaits.awaitEnd(sfn, arn, PipelineExecutions.LARGE_RUN);

            assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(done.error()).isEqualTo("dev.pim.handler.ClusterTooLargeException");
            assertThat(done.cause()).contains("cluster scale: 1,100 roles in batches of 1 do not fit one execution")
                    .contains("with 1,100 batches' results").contains("over Step Functions' 256.0 KiB state payload limit")
                    .contains("Choose another roleBatchSize (1..500)");
            assertThat(PipelineExecutions.history(sfn, arn))
                    .noneMatch(e -> e.type() == HistoryEventType.MAP_STATE_ENTERED);
        }
        assertThat(cloud.counters().mutatingSnapshot().keySet()).as("nothing but the journal and the execution written")
                .allMatch(op -> op.startsWith("dynamodb:") || op.startsWith("states:"));
    }

    @Test
    void aBatchWhoseLambdaFailsEndsItsChildWithABoundedCrashLine() throws Exception {
        LocalPipeline pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        String stateMachine = pipeline.deploy();
        try (SfnClient sfn = pipeline.sfnClient()) {
            String plan = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name("plan")
                    .input("{\"cluster\": \"demo\"}")).executionArn();
            assertThat(ExecutionWaits.awaitEnd(sfn, plan, PipelineExecutions.LARGE_RUN).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode preflight = PipelineExecutions.taskOutput(PipelineExecutions.history(sfn, plan), "Preflight");

            String machine = PipelineExecutions.migrateRolesChild(sfn, pipeline, "migrate-roles-child");
            ObjectNode batch = JSON.createObjectNode();
            ObjectNode batchInput = batch.putObject("BatchInput");
            batchInput.set("input", preflight.path("input"));
            batchInput.put("runId", preflight.path("runId").asText());
            batchInput.put("executionId", plan);
            batch.putArray("Items").add(99).add(100);
            cloud.counters().reset();
            String arn = sfn.startExecution(r -> r.stateMachineArn(machine).input(batch.toString())).executionArn();
            DescribeExecutionResponse done = ExecutionWaits.awaitEnd(sfn, arn, PipelineExecutions.LARGE_RUN);

            assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(JSON.readTree(done.output()).path("crashed").asText())
                    .isEqualTo("2 roles from role 99: dev.pim.handler.InvalidInputException");
        }
        assertThat(cloud.counters().mutatingSnapshot().keySet()).allMatch(op -> op.startsWith("dynamodb:") || op.startsWith("states:"));
    }
}
