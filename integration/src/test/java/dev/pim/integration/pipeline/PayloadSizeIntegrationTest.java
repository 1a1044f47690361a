package dev.pim.integration.pipeline;

import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.TestCredentials;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At 5,000 bindings (500 roles of ten service accounts each) every state's input and output stays under Step
 * Functions' 256 KiB: Map items are references, the plan lives in the journal table.
 */
@ExtendWith(TestCredentials.class)
class PayloadSizeIntegrationTest {
    static final int ROLES = 500;
    static final int PER_ROLE = 10;
    static final int LIMIT = 256 * 1024;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @Test
    void statePayloadsStayUnder256KiBAt5000Bindings() throws InterruptedException {
        cloud.cloud().reset(FixtureLoader.parse("big.yaml", bigFixture()));
        LocalPipeline pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        String stateMachine = pipeline.deploy();
        try (SfnClient sfn = pipeline.sfnClient()) {
            String arn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name("big")
                    .input("{\"cluster\": \"big\", \"approve\": true, \"maxConcurrency\": 16}")).executionArn();
            DescribeExecutionResponse done = await(sfn, arn);
            assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).contains("\"status\":\"SUCCEEDED\"");
            List<HistoryEvent> history = sfn.getExecutionHistoryPaginator(r -> r.executionArn(arn).includeExecutionData(true))
                    .events().stream().toList();
            int largest = history.stream().flatMap(PayloadSizeIntegrationTest::payloads)
                    .mapToInt(p -> p.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
            assertThat(largest).as("largest state input or output, bytes").isPositive().isLessThan(LIMIT);
        }
        assertThat(cloud.counters().count("eks:CreatePodIdentityAssociation")).isEqualTo(ROLES * PER_ROLE);
    }

    private static Stream<String> payloads(HistoryEvent e) {
        return Stream.of(
                e.stateEnteredEventDetails() == null ? null : e.stateEnteredEventDetails().input(),
                e.stateExitedEventDetails() == null ? null : e.stateExitedEventDetails().output(),
                e.executionStartedEventDetails() == null ? null : e.executionStartedEventDetails().input(),
                e.executionSucceededEventDetails() == null ? null : e.executionSucceededEventDetails().output(),
                e.lambdaFunctionSucceededEventDetails() == null ? null : e.lambdaFunctionSucceededEventDetails().output(),
                e.taskSucceededEventDetails() == null ? null : e.taskSucceededEventDetails().output(),
                e.mapStateStartedEventDetails() == null ? null : String.valueOf(e.mapStateStartedEventDetails().length()))
                .filter(p -> p != null);
    }

    private static DescribeExecutionResponse await(SfnClient sfn, String arn) throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            DescribeExecutionResponse e = sfn.describeExecution(r -> r.executionArn(arn));
            if (e.status() != ExecutionStatus.RUNNING) {
                return e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("still running after 10 minutes");
    }

    /** One cluster, the agent installed, ROLES roles each trusted by PER_ROLE service accounts. */
    static String bigFixture() {
        StringBuilder yaml = new StringBuilder("""
                behaviour: {addonSettleSeconds: 0}
                accounts:
                  - id: "111122223333"
                    credentials: [{accessKeyId: test, secretAccessKey: test}]
                    roles:
                """);
        for (int r = 0; r < ROLES; r++) {
            yaml.append("      - {name: app-").append(r).append(", irsa: [{cluster: big, serviceAccounts: [");
            for (int s = 0; s < PER_ROLE; s++) {
                yaml.append(s == 0 ? "" : ", ").append("ns-").append(r % 50).append("/sa-").append(r).append("-").append(s);
            }
            yaml.append("]}]}\n");
        }
        yaml.append("""
                    regions:
                      - name: us-west-2
                        clusters:
                          - name: big
                            addons: [{name: eks-pod-identity-agent}]
                            serviceAccounts:
                """);
        for (int r = 0; r < ROLES; r++) {
            for (int s = 0; s < PER_ROLE; s++) {
                yaml.append("              - {namespace: ns-").append(r % 50).append(", name: sa-").append(r).append("-").append(s)
                        .append(", roleArn: \"arn:aws:iam::111122223333:role/app-").append(r).append("\"}\n");
            }
        }
        return yaml.toString();
    }
}
