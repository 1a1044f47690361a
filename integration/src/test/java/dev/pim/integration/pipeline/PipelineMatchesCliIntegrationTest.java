package dev.pim.integration.pipeline;

import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.CliRun;
import dev.pim.integration.CloudSnapshot;
import dev.pim.integration.TestCredentials;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** For every bundled fixture, an apply execution of the state machine ends where the CLI's apply ends. */
@ExtendWith(TestCredentials.class)
class PipelineMatchesCliIntegrationTest {
    static final List<String> FIXTURES = FixtureLoader.BUNDLED;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @TempDir
    Path journal;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void stateMachineReachesTheCliEndState(String fixture) throws Exception {
        String cluster = PipelineIntegrationTest.expected(fixture).get("cluster").asText();

        reset(fixture);
        CliRun.against(cloud, journal, "migrate", "--cluster", cluster, "--approve", "--restart-workloads",
                "--remove-irsa-annotation", "--remove-oidc-trust", "--timeout", "1m");
        CloudSnapshot byCli = CloudSnapshot.of(cloud.cloud(), "111122223333", "us-west-2", cluster);

        reset(fixture);
        LocalPipeline pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        pipeline.deploy();
        // Ends, whatever its status (an assertion error when still running after 2 minutes): the end states compare.
        PipelineExecutions.run(pipeline, cluster + "-apply", "{\"cluster\": \"" + cluster + "\", \"approve\": true, "
                + "\"restartWorkloads\": true, \"removeIrsaAnnotation\": true, \"removeOidcTrust\": true, \"timeoutSeconds\": 60}");
        CloudSnapshot byPipeline = CloudSnapshot.of(cloud.cloud(), "111122223333", "us-west-2", cluster);
        assertThat(byPipeline).as("end state of " + fixture).isEqualTo(byCli);
    }

    private static void reset(String fixture) {
        cloud.cloud().reset(FixtureLoader.load(fixture));
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofMillis(100));
    }

}
