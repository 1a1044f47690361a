package dev.pim.integration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.CliRun;
import dev.pim.integration.TestCredentials;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.pim.integration.pipeline.PipelineExecutions.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state machine reads each role as the CLI does: once outside its lease (Discover), and once under the lease
 * per trust edit (the role batches). Verify learns the trust the batches left from the run's journal, and the OIDC
 * cleanup decides what to remove on the plan's policy, so neither reads a role again.
 */
@ExtendWith(TestCredentials.class)
class PipelineRoleReadsIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FAST_ADDONS = Duration.ofMillis(100);

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo").withAddonSettleTime(FAST_ADDONS);

    @TempDir
    Path journal;

    @ParameterizedTest(name = "removeOidcTrust={0}")
    @CsvSource({"false, 2", "true, 3"})
    void eachRoleIsReadOnceOutsideItsLeaseAndOncePerEditUnderIt(boolean removeOidcTrust, int readsPerRole)
            throws IOException {
        List<String> cliArgs = new ArrayList<>(List.of("migrate", "--cluster", "demo", "--approve", "--restart-workloads",
                "--remove-irsa-annotation"));
        if (removeOidcTrust) {
            cliArgs.add("--remove-oidc-trust");
        }
        demoWithFastAddons();
        cloud.counters().reset();
        CliRun cli = CliRun.against(cloud, journal, cliArgs.toArray(String[]::new));
        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
        long cliReads = cloud.counters().count("iam:GetRole");

        demoWithFastAddons();
        LocalPipeline pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        pipeline.deploy();
        cloud.counters().reset();
        DescribeExecutionResponse execution = run(pipeline, "reads-" + removeOidcTrust, "{\"cluster\": \"demo\", \"approve\": true, "
                + "\"restartWorkloads\": true, \"removeIrsaAnnotation\": true, \"removeOidcTrust\": " + removeOidcTrust + "}");

        assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode report = JSON.readTree(execution.output());
        assertThat(report.get("verified").asInt()).as(report.toString()).isEqualTo(18);
        long roles = report.at("/steps/trust/DONE").asLong();
        assertThat(roles).isEqualTo(17);
        assertThat(cloud.counters().count("iam:GetRole")).isEqualTo(readsPerRole * roles).isEqualTo(cliReads);
    }

    /** The demo as the extension starts each test with: the CLI and the pipeline each migrate it from the start. */
    private static void demoWithFastAddons() {
        cloud.cloud().reset(FixtureLoader.load("demo"));
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = FAST_ADDONS);
    }
}
