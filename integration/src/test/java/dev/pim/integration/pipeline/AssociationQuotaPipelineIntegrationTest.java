package dev.pim.integration.pipeline;

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
 * The Pod Identity association quota through the deployed state machine: Discover refuses an approved run of a cluster
 * that would hold more associations than the quota, naming it, before any trust policy changes.
 */
@ExtendWith(TestCredentials.class)
class AssociationQuotaPipelineIntegrationTest {

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @Test
    void anExecutionOverTheQuotaFailsInDiscoverNamingItWithNoTrustChanged() throws Exception {
        cloud.cloud().reset(FixtureLoader.parse("scale.yaml", ScaleIntegrationTest.fixture(20, 50)));
        LocalPipeline pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        String stateMachine = pipeline.deploy();
        cloud.counters().reset();
        try (pipeline; SfnClient sfn = pipeline.sfnClient()) {
            String arn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name("over-quota")
                    .input("{\"cluster\": \"scale\", \"approve\": true, \"associationsPerCluster\": 40}")).executionArn();
            DescribeExecutionResponse done = ExecutionWaits.awaitEnd(sfn, arn, PipelineExecutions.LARGE_RUN);

            assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(done.error()).isEqualTo("dev.pim.handler.AssociationQuotaExceededException");
            assertThat(done.cause()).contains("cluster scale: 50 Pod Identity associations after the migration "
                    + "(0 existing + 50 new), over the quota of 40 per cluster this run was given (EKS's is 5,000, not adjustable) by 10");
            assertThat(PipelineExecutions.history(sfn, arn)).as("failed in Discover, before MigrateRoles")
                    .noneMatch(e -> e.type() == HistoryEventType.MAP_STATE_ENTERED)
                    .anyMatch(e -> e.type() == HistoryEventType.TASK_STATE_EXITED
                            && e.stateExitedEventDetails().name().equals("Preflight"));
        }
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).as("no trust changed").isZero();
        assertThat(cloud.counters().mutatingSnapshot().keySet()).as("nothing but the journal and the execution written")
                .allMatch(op -> op.startsWith("dynamodb:") || op.startsWith("states:"));
    }
}
