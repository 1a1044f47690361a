package dev.pim.integration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.TestCredentials;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import static dev.pim.integration.pipeline.PipelineExecutions.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The real state machine definition with the real handlers, on the local Step Functions of the local cloud. */
@ExtendWith(TestCredentials.class)
class PipelineIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo").withAddonSettleTime(Duration.ofMillis(100));

    private LocalPipeline pipeline;

    @BeforeEach
    void deploy() {
        pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        pipeline.deploy();
    }

    @Test
    void planOnlyChangesNothingInTheCluster() throws IOException {
        DescribeExecutionResponse plan = run(pipeline, "demo-plan", "{\"cluster\": \"demo\"}");
        assertThat(plan.status()).as(plan.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode report = JSON.readTree(plan.output());
        assertThat(report.get("status").asText()).isEqualTo("PLANNED");
        assertThat(report.at("/bindings/migratable").asInt()).isEqualTo(18);
        assertThat(clusterWrites()).isEmpty();
    }

    @Test
    void applyMigratesTheDemoAndEmitsMetrics() throws IOException {
        DescribeExecutionResponse apply = run(pipeline, "demo-apply", "{\"cluster\": \"demo\", \"approve\": true, \"restartWorkloads\": true,"
                + " \"removeIrsaAnnotation\": true, \"removeOidcTrust\": true}");
        assertThat(apply.status()).as(apply.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode report = JSON.readTree(apply.output());
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(report.get("verified").asInt()).isEqualTo(18);
        assertThat(report.get("clean").asBoolean()).isTrue();
        assertThat(pipeline.metrics()).containsKeys("RolesUpdated", "AssociationsCreated", "Bindings");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|input field 'cluster' is required",
            "{\"cluster\": \"demo\", \"approval\": true}|unknown field 'input.approval'",
            "{\"cluster\": \"demo\", \"approve\": \"yes please\"}|field 'input.approve'",
            "{\"cluster\": \"demo\", \"maxConcurrency\": -2}|input field 'maxConcurrency' must be within 1..40, got -2",
    })
    void badInputFailsInTheFirstStateNamingTheFieldWithoutRetry(String input, String message) {
        DescribeExecutionResponse execution = run(pipeline, "bad-" + Math.abs(input.hashCode()), input);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("dev.pim.handler.InvalidInputException");
        assertThat(execution.cause()).contains(message);
        List<HistoryEvent> events = PipelineExecutions.history(pipeline, execution.executionArn());
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED)
                .extracting(e -> e.stateEnteredEventDetails().name()).containsExactly("Preflight");
        assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED).as("not retried").hasSize(1);
    }

    @Test
    void aClusterTooOldFailsAtPreflightWithTheReason() throws IOException {
        cloud.cloud().reset(FixtureLoader.load("scenario-cluster-too-old"));
        deploy();
        DescribeExecutionResponse execution = run(pipeline, "vintage", "{\"cluster\": \"vintage\", \"approve\": true}");
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("PreflightFailed");
        assertThat(execution.cause()).contains("1.27 eks.7 does not support Pod Identity");
        assertThat(clusterWrites()).isEmpty();
    }

    /** Mutating calls to what is being migrated (IAM, EKS, Kubernetes), not to the pipeline's own services. */
    static List<String> clusterWrites() {
        return cloud.counters().mutatingSnapshot().keySet().stream()
                .filter(op -> op.startsWith("iam:") || op.startsWith("eks:") || op.startsWith("k8s:")).toList();
    }

    static JsonNode expected(String fixture) throws IOException {
        try (InputStream in = PipelineIntegrationTest.class.getResourceAsStream("/expected-plans/" + fixture + ".yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
