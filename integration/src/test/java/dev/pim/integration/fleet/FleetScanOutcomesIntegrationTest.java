package dev.pim.integration.fleet;

import dev.pim.cli.pipeline.LocalFleet;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.fleet.FleetLedger;
import dev.pim.integration.CliRun;
import dev.pim.integration.TestCredentials;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the scan records for a cluster whose only IRSA bindings left are ones the migration cannot take. */
@ExtendWith(TestCredentials.class)
class FleetScanOutcomesIntegrationTest {

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("scenario-fargate-namespace");

    @Test
    void aClusterLeftOnIrsaOnlyByAFargateNamespaceNeedsAttentionAndIsNotQueued(@TempDir Path journal) {
        CliRun migrate = CliRun.against(cloud, journal, "migrate", "--cluster", "mixed", "--approve");
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
        LocalPipeline pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        pipeline.deploy();
        try (LocalFleet fleet = new LocalFleet(cloud.cloud(), pipeline, "us-west-2")) {
            fleet.deploy(LocalFleet.Settings.of(FixtureLoader.load("scenario-fargate-namespace"), 5, false));

            assertThat(fleet.scan("scan-1").path("queued").asInt()).isZero();

            FleetLedger.ClusterState mixed = fleet.status().clusters().get(0);
            assertThat(mixed.status()).isEqualTo("needs-attention");
            assertThat(mixed.reason()).isEqualTo("nothing the migration can take: 1 unsupported placement "
                    + "(pim plan --cluster mixed says why)");
        }
    }
}
