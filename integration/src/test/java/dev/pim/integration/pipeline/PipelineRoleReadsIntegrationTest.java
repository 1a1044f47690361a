package dev.pim.integration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.CliRun;
import dev.pim.integration.TestCredentials;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state machine reads each role as the CLI does: once outside its lease (Discover), and once under the lease
 * per trust edit (the role batches). Verify learns the trust the batches left from the run's journal, and the OIDC
 * cleanup decides what to remove on the plan's policy, so neither reads a role again.
 */
@ExtendWith(TestCredentials.class)
class PipelineRoleReadsIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @TempDir
    Path journal;

    @BeforeEach
    void fastAddons() {
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofMillis(100));
    }

    @ParameterizedTest(name = "removeOidcTrust={0}")
    @CsvSource({"false, 2", "true, 3"})
    void eachRoleIsReadOnceOutsideItsLeaseAndOncePerEditUnderIt(boolean removeOidcTrust, int readsPerRole)
            throws IOException {
        List<String> cliArgs = new ArrayList<>(List.of("migrate", "--cluster", "demo", "--approve", "--restart-workloads",
                "--remove-irsa-annotation"));
        if (removeOidcTrust) {
            cliArgs.add("--remove-oidc-trust");
        }
        cloud.cloud().reset(FixtureLoader.load("demo"));
        fastAddons();
        cloud.counters().reset();
        CliRun cli = CliRun.against(cloud, journal, cliArgs.toArray(String[]::new));
        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
        long cliReads = cloud.counters().count("iam:GetRole");

        cloud.cloud().reset(FixtureLoader.load("demo"));
        fastAddons();
        LocalPipeline pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        String stateMachine = pipeline.deploy();
        cloud.counters().reset();
        DescribeExecutionResponse execution = run(pipeline, stateMachine, "reads-" + removeOidcTrust, "{\"cluster\": \"demo\", \"approve\": true, "
                + "\"restartWorkloads\": true, \"removeIrsaAnnotation\": true, \"removeOidcTrust\": " + removeOidcTrust + "}");

        assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode report = JSON.readTree(execution.output());
        assertThat(report.get("verified").asInt()).as(report.toString()).isEqualTo(18);
        long roles = report.at("/steps/trust/DONE").asLong();
        assertThat(roles).isEqualTo(17);
        assertThat(cloud.counters().count("iam:GetRole")).isEqualTo(readsPerRole * roles).isEqualTo(cliReads);
    }

    private static DescribeExecutionResponse run(LocalPipeline pipeline, String stateMachine, String name, String input) {
        try (SfnClient sfn = pipeline.sfnClient()) {
            String arn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name(name).input(input)).executionArn();
            for (int i = 0; i < 1200; i++) {
                DescribeExecutionResponse e = sfn.describeExecution(r -> r.executionArn(arn));
                if (e.status() != ExecutionStatus.RUNNING) {
                    return e;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("execution still running after 2 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
