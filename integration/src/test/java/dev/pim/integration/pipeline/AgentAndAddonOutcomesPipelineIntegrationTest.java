package dev.pim.integration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.AgentNotInstalled;
import dev.pim.integration.TestCredentials;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.io.IOException;
import java.time.Duration;

import static dev.pim.integration.pipeline.PipelineExecutions.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the state machine reports an agent that does not install and an add-on update that does not settle: the same
 * status as the CLI's run (one run-status rule), and nothing verified before EKS has applied it.
 */
@ExtendWith(TestCredentials.class)
class AgentAndAddonOutcomesPipelineIntegrationTest {
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
    void anAgentThatFailsToInstallFailsTheRunWithItsStatusAndWritesNoRoleOrAssociation() throws IOException {
        failAddon("eks-pod-identity-agent", "CREATE_FAILED");

        DescribeExecutionResponse execution = run(pipeline, "agent-fails", "{\"cluster\": \"demo\", \"approve\": true}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("AgentNotReady");
        JsonNode report = PipelineExecutions.taskOutput(PipelineExecutions.history(pipeline, execution.executionArn()),
                "ReportAgentFailure").at("/outcome/report");
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("FAILED");
        AgentNotInstalled.assertStoppedTheRun(report.get("failures").toString(), "CREATE_FAILED", cloud.counters());
    }

    @Test
    void anAddonWhoseRoleClearingFailsIsReportedFailedAndNotVerified() throws IOException {
        DescribeExecutionResponse first = run(pipeline, "addons-move", "{\"cluster\": \"demo\", \"approve\": true, "
                + "\"restartWorkloads\": true}");
        assertThat(first.status()).as(first.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // The next update of vpc-cni, the one clearing its serviceAccountRoleArn, ends UPDATE_FAILED.
        failAddon("vpc-cni", "UPDATE_FAILED");

        DescribeExecutionResponse second = run(pipeline, "addon-role-cleared", "{\"cluster\": \"demo\", \"approve\": true, "
                + "\"removeIrsaAnnotation\": true}");

        assertThat(second.status()).as(second.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode report = JSON.readTree(second.output());
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("PARTIAL");
        assertThat(report.get("failures").toString()).contains("addon-role vpc-cni")
                .contains("the add-on is UPDATE_FAILED");
        assertThat(report.get("verified").asInt()).as(report.toString()).isEqualTo(17);
        assertThat(report.get("clean").asBoolean()).isFalse();
    }

    @Test
    void anAddonWhoseRoleClearingSettlesIsVerifiedClean() throws IOException {
        DescribeExecutionResponse run = run(pipeline, "addon-role-settles", "{\"cluster\": \"demo\", \"approve\": true, "
                + "\"restartWorkloads\": true, \"removeIrsaAnnotation\": true}");

        assertThat(run.status()).as(run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode report = JSON.readTree(run.output());
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(report.at("/steps/addon-role/DONE").asLong()).isEqualTo(2);
        assertThat(report.get("verified").asInt()).isEqualTo(18);
        assertThat(report.get("clean").asBoolean()).isTrue();
    }

    private static void failAddon(String addon, String outcome) {
        cloud.cloud().write(s -> s.cluster("111122223333", "us-west-2", "demo").orElseThrow().addonOutcomes.put(addon, outcome));
    }
}
