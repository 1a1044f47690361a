package dev.pim.fleet;

import dev.pim.fleet.fake.InMemoryFleetLedger;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fleet summary read from the ledger, and the scan's settings. */
class FleetStatusTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    private static FleetLedger.ClusterState cluster(String account, String name, String status, Integer migrated) {
        return new FleetLedger.ClusterState(account, "eu-west-1", name, status, null, null, null, migrated, AT);
    }

    @Test
    void countsEachClusterOnceByItsLatestStateAndSumsTheBindingsMigrated() {
        InMemoryFleetLedger ledger = new InMemoryFleetLedger();
        ledger.record(cluster("222233334444", "payments", "queued", null));
        ledger.record(cluster("222233334444", "payments", "succeeded", 12));
        ledger.record(cluster("222233334444", "orders", "partial", 3));
        ledger.record(cluster("333344445555", "legacy", "failed", null));
        ledger.record(cluster("333344445555", "batch", "running", null));
        ledger.record(cluster("333344445555", "web", "queued", null));
        ledger.record(cluster("333344445555", "sandbox", "opted-out", null));

        FleetStatus status = FleetStatus.of(ledger);

        assertThat(status.clusters()).hasSize(6);
        assertThat(status.finished()).isEqualTo(3);
        assertThat(status.inProgress()).isEqualTo(2);
        assertThat(status.count("opted-out")).isEqualTo(1);
        assertThat(status.count("needs-attention")).isZero();
        assertThat(status.bindingsMigrated()).isEqualTo(15);
        assertThat(status.clusters()).extracting(FleetLedger.ClusterState::cluster)
                .containsExactly("orders", "payments", "batch", "legacy", "sandbox", "web");
    }

    private static FleetConfig config(List<String> regions, List<String> members) {
        return new FleetConfig(regions, "111122223333", members, "PodIdentityMigratorMember", "aws",
                FleetSelector.of(null, null, null), true, false, true, 8);
    }

    @Test
    void theHomeAccountComesFirstAndNeedsNoRole() {
        FleetConfig config = config(List.of("eu-west-1"), List.of("222233334444", "111122223333"));
        assertThat(config.accounts()).containsExactly("111122223333", "222233334444");
        assertThat(config.roleFor("111122223333")).isNull();
        assertThat(config.roleFor("222233334444")).isEqualTo("arn:aws:iam::222233334444:role/PodIdentityMigratorMember");

        MigrationRequest request = config.request("scan-1", "222233334444", "eu-west-1", "payments");
        assertThat(request.assumeRoleArn()).isEqualTo("arn:aws:iam::222233334444:role/PodIdentityMigratorMember");
        assertThat(request.approve()).isTrue();
        assertThat(request.restartWorkloads()).isTrue();
        assertThat(request.removeIrsaAnnotation()).isFalse();
        assertThat(request.removeOidcTrust()).isTrue();
        assertThat(request.maxConcurrency()).isEqualTo(8);
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> config(List.of(), List.of())).hasMessage("FLEET_REGIONS names no region");
        assertThatThrownBy(() -> config(List.of("europe"), List.of()))
                .hasMessage("FLEET_REGIONS: 'europe' is not a region such as us-west-2");
        assertThatThrownBy(() -> config(List.of("eu-west-1"), List.of("2222")))
                .hasMessage("MEMBER_ACCOUNT_IDS: '2222' is not a 12-digit account id");
    }
}
