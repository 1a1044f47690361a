package dev.pim.integration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.TestCredentials;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the state machine reports an agent that does not install and an add-on update that does not settle: the same
 * status as the CLI's run (one run-status rule), and nothing verified before EKS has applied it.
 */
@ExtendWith(TestCredentials.class)
class AgentAndAddonOutcomesPipelineIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private LocalPipeline pipeline;
    private String stateMachine;

    @BeforeEach
    void deploy() {
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofMillis(100));
        pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        stateMachine = pipeline.deploy();
    }

    @Test
    void anAgentThatFailsToInstallFailsTheRunWithItsStatusAndWritesNoRoleOrAssociation() throws IOException {
        failAddon("eks-pod-identity-agent", "CREATE_FAILED");

        DescribeExecutionResponse execution = run("agent-fails", "{\"cluster\": \"demo\", \"approve\": true}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("AgentNotReady");
        JsonNode report = stateOutput(execution, "ReportAgentFailure").at("/outcome/report");
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("FAILED");
        assertThat(report.get("failures").toString()).contains("add-on eks-pod-identity-agent v1.3.4-eksbuild.1 is CREATE_FAILED")
                .contains("InsufficientNumberOfReplicas");
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).isZero();
        assertThat(cloud.counters().count("eks:CreatePodIdentityAssociation")).isZero();
        assertThat(cloud.counters().count("eks:UpdateAddon")).isZero();
    }

    @Test
    void anAddonWhoseRoleClearingFailsIsReportedFailedAndNotVerified() throws IOException {
        DescribeExecutionResponse first = run("addons-move", "{\"cluster\": \"demo\", \"approve\": true, "
                + "\"restartWorkloads\": true}");
        assertThat(first.status()).as(first.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // The next update of vpc-cni, the one clearing its serviceAccountRoleArn, ends UPDATE_FAILED.
        failAddon("vpc-cni", "UPDATE_FAILED");

        DescribeExecutionResponse second = run("addon-role-cleared", "{\"cluster\": \"demo\", \"approve\": true, "
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
        DescribeExecutionResponse run = run("addon-role-settles", "{\"cluster\": \"demo\", \"approve\": true, "
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

    private DescribeExecutionResponse run(String name, String input) {
        try (SfnClient sfn = pipeline.sfnClient()) {
            String arn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name(name).input(input)).executionArn();
            for (int i = 0; i < 1200; i++) {
                DescribeExecutionResponse e = sfn.describeExecution(r -> r.executionArn(arn));
                if (e.status() != ExecutionStatus.RUNNING) {
                    return e;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("execution " + name + " still running after 2 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The output of a state as the execution's history shows it. */
    private JsonNode stateOutput(DescribeExecutionResponse execution, String state) throws IOException {
        List<HistoryEvent> events;
        try (SfnClient sfn = pipeline.sfnClient()) {
            events = sfn.getExecutionHistoryPaginator(r -> r.executionArn(execution.executionArn())
                    .includeExecutionData(true)).events().stream().toList();
        }
        HistoryEvent exited = events.stream().filter(e -> e.type() == HistoryEventType.TASK_STATE_EXITED
                && e.stateExitedEventDetails().name().equals(state)).findFirst().orElseThrow(() ->
                new AssertionError("no state " + state + " in the history"));
        return JSON.readTree(exited.stateExitedEventDetails().output());
    }
}
