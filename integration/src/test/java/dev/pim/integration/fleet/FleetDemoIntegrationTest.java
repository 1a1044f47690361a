package dev.pim.integration.fleet;

import dev.pim.integration.CliRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pim demo --fleet}, the README's fleet demo, as a user runs it (its own local cloud, on a free port). */
class FleetDemoIntegrationTest {

    @Test
    void theFleetDemoMigratesEveryEligibleClusterAndPrintsTheSummary() {
        CliRun run = CliRun.of("demo", "--fleet");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("20 cluster(s) seen, 15 queued for migration, 5 left out")
                .contains("Fleet: 20 cluster(s) in 3 account(s): 15 done, 0 in progress, 0 failed")
                .contains("already-migrated 3, ineligible 1, opted-out 1, succeeded 15")
                .containsPattern("111122223333 +us-west-2 +legacy-127 +ineligible +1.27 eks.7 does not support Pod Identity")
                .containsPattern("222233334444 +us-west-2 +sandbox +opted-out")
                .contains("0 queued: nothing is left to migrate");
    }
}
