package dev.pim.fleet;

import dev.pim.fleet.fake.InMemoryClusterDirectory;
import dev.pim.fleet.fake.InMemoryFleetLedger;
import dev.pim.fleet.fake.InMemoryMigrationQueue;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.discovery.Discovery;
import dev.pim.migration.fake.FakeCloud;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.Planner;
import dev.pim.migration.preflight.Preflight;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The fleet scan over in-memory ports: which clusters it queues, what it records for each of the others, and that
 * one account, cluster or plan failing never stops the rest. The plans are real plans of fake clusters.
 */
class FleetScannerTest {
    private static final String HOME = "111122223333";
    private static final String MEMBER = "444455556666";
    private static final String MEMBER_ROLE = "arn:aws:iam::" + MEMBER + ":role/PodIdentityMigratorMember";
    private static final String REGION = "us-west-2";
    private static final String ROLE_ARN = "arn:aws:iam::" + HOME + ":role/payments-api";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final InMemoryClusterDirectory directory = new InMemoryClusterDirectory();
    private final InMemoryMigrationQueue queue = new InMemoryMigrationQueue();
    private final InMemoryFleetLedger ledger = new InMemoryFleetLedger();
    private final Map<String, Supplier<MigrationPlan>> plans = new ConcurrentHashMap<>();
    /** Cluster name → the role it was planned through ("home" for none). */
    private final Map<String, String> planned = new ConcurrentHashMap<>();

    private FleetScanner scanner(FleetSelector selector) {
        FleetConfig config = new FleetConfig(List.of(REGION), HOME, List.of(MEMBER), "PodIdentityMigratorMember", "aws",
                selector, false, false, false, null);
        ClusterPlanner planner = (region, role, cluster) -> {
            planned.put(cluster, role == null ? "home" : role);
            Supplier<MigrationPlan> plan = plans.get(cluster);
            if (plan == null) {
                throw new IllegalStateException("the Kubernetes API of " + cluster + " did not answer");
            }
            return plan.get();
        };
        return new FleetScanner(config, directory, planner, queue, ledger, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private FleetScanner scanner() {
        return scanner(FleetSelector.of(null, null, null));
    }

    private void homeCluster(String name, Supplier<MigrationPlan> plan) {
        directory.cluster(null, REGION, name, Map.of());
        plans.put(name, plan);
    }

    @Test
    void queuesOnlyTheClustersWithBindingsToMigrateAndSaysWhyNotForTheOthers() {
        homeCluster("payments", FleetScannerTest::migratable);
        homeCluster("done", FleetScannerTest::alreadyMigrated);
        homeCluster("legacy", FleetScannerTest::onlyBroken);
        homeCluster("upgrading", FleetScannerTest::notActive);

        FleetScanner.Result result = scanner().scan("scan-1", 4);

        assertThat(result).isEqualTo(new FleetScanner.Result(4, 1, 3, List.of()));
        assertThat(queue.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.request()).isEqualTo(new MigrationRequest("scan-1", HOME, REGION, "payments", null, true, false,
                    false, false, null));
            assertThat(sent.delay()).isZero();
        });
        assertThat(state("payments")).extracting(FleetLedger.ClusterState::status, FleetLedger.ClusterState::reason)
                .containsExactly("queued", "1 binding(s) to migrate");
        assertThat(state("done")).extracting(FleetLedger.ClusterState::status, FleetLedger.ClusterState::reason)
                .containsExactly("already-migrated", "no IRSA binding left to migrate");
        assertThat(state("legacy").status()).isEqualTo("needs-attention");
        assertThat(state("legacy").reason()).isEqualTo("nothing the migration can take: 1 broken (pim plan --cluster legacy says why)");
        assertThat(state("upgrading").status()).isEqualTo("ineligible");
        assertThat(state("upgrading").reason()).contains("the cluster is UPDATING; it must be ACTIVE");
        assertThat(ledger.accounts()).extracting(FleetLedger.AccountState::accountId, FleetLedger.AccountState::status)
                .containsExactly(tuple(HOME, "reachable"),
                        tuple(MEMBER, "reachable"));
    }

    @Test
    void plansAndQueuesAMemberAccountsClustersThroughItsRole() {
        directory.cluster(MEMBER_ROLE, REGION, "shop", Map.of());
        plans.put("shop", FleetScannerTest::migratable);

        scanner().scan("scan-1", 2);

        assertThat(planned).containsExactly(Map.entry("shop", MEMBER_ROLE));
        assertThat(queue.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.request().accountId()).isEqualTo(MEMBER);
            assertThat(sent.request().assumeRoleArn()).isEqualTo(MEMBER_ROLE);
        });
        assertThat(ledger.clusters()).singleElement().extracting(FleetLedger.ClusterState::key)
                .isEqualTo(MEMBER + "/" + REGION + "/shop");
    }

    @Test
    void anAccountWhoseRoleCannotBeAssumedIsRecordedAndTheOthersAreScanned() {
        homeCluster("payments", FleetScannerTest::migratable);
        directory.unreachable(MEMBER_ROLE);

        FleetScanner.Result result = scanner().scan("scan-1", 2);

        assertThat(result.unreachableAccounts()).containsExactly(MEMBER);
        assertThat(result.queued()).isEqualTo(1);
        FleetLedger.AccountState member = ledger.accounts().stream().filter(a -> a.accountId().equals(MEMBER)).findFirst()
                .orElseThrow();
        assertThat(member.status()).isEqualTo("unreachable");
        assertThat(member.reason()).isEqualTo("cannot act in the account through " + MEMBER_ROLE
                + ": AccessDenied: not authorized to perform sts:AssumeRole on " + MEMBER_ROLE);
    }

    @Test
    void aClusterInFlightIsLeftAloneUntilItsStateOutlivesTheExpiry() {
        homeCluster("queued-now", FleetScannerTest::migratable);
        homeCluster("running-long-ago", FleetScannerTest::migratable);
        ledger.record(new FleetLedger.ClusterState(HOME, REGION, "queued-now", "queued", null, null, null, null,
                NOW.minus(Duration.ofHours(1))));
        ledger.record(new FleetLedger.ClusterState(HOME, REGION, "running-long-ago", "running", null, "run-1", "exec-1", null,
                NOW.minus(FleetScanner.IN_FLIGHT_EXPIRY).minusSeconds(1)));

        FleetScanner.Result result = scanner().scan("scan-2", 2);

        assertThat(planned).containsOnlyKeys("running-long-ago");
        assertThat(queue.sent()).extracting(s -> s.request().cluster()).containsExactly("running-long-ago");
        assertThat(result).isEqualTo(new FleetScanner.Result(2, 1, 1, List.of()));
        assertThat(state("queued-now").updatedAt()).as("its record untouched").isEqualTo(NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void excludedAndOptedOutClustersAreRecordedWithoutBeingPlanned() {
        directory.cluster(null, REGION, "dev-1", Map.of());
        directory.cluster(null, REGION, "prod-1", Map.of(FleetSelector.DEFAULT_OPT_OUT_TAG, "true"));
        directory.cluster(null, REGION, "prod-2", Map.of());
        plans.put("prod-2", FleetScannerTest::migratable);

        scanner(FleetSelector.of("prod-.*", null, null)).scan("scan-1", 2);

        assertThat(planned).containsOnlyKeys("prod-2");
        assertThat(state("dev-1")).extracting(FleetLedger.ClusterState::status, FleetLedger.ClusterState::reason)
                .containsExactly("excluded", "name does not match prod-.*");
        assertThat(state("prod-1")).extracting(FleetLedger.ClusterState::status, FleetLedger.ClusterState::reason)
                .containsExactly("opted-out", "opted out with the tag " + FleetSelector.DEFAULT_OPT_OUT_TAG);
        assertThat(state("prod-2").status()).isEqualTo("queued");
    }

    @Test
    void aClusterThatCannotBeDescribedOrPlannedIsRecordedFailedAndTheScanGoesOn() {
        homeCluster("ghost", FleetScannerTest::migratable);
        directory.undescribable("ghost");
        directory.cluster(null, REGION, "unplannable", Map.of());
        homeCluster("payments", FleetScannerTest::migratable);

        FleetScanner.Result result = scanner().scan("scan-1", 1);

        assertThat(state("ghost")).extracting(FleetLedger.ClusterState::status, FleetLedger.ClusterState::reason)
                .containsExactly("failed", "cannot describe the cluster: ResourceNotFoundException: No cluster found for name: ghost");
        assertThat(state("unplannable")).extracting(FleetLedger.ClusterState::status, FleetLedger.ClusterState::reason)
                .containsExactly("failed", "cannot plan: the Kubernetes API of unplannable did not answer");
        assertThat(result).isEqualTo(new FleetScanner.Result(3, 1, 2, List.of()));
    }

    @Test
    void aClusterThisPipelineMigratedKeepsItsRecord() {
        homeCluster("payments", FleetScannerTest::alreadyMigrated);
        FleetLedger.ClusterState migrated = new FleetLedger.ClusterState(HOME, REGION, "payments", "succeeded", null, "run-1",
                "exec-1", 1, NOW.minus(Duration.ofDays(1)));
        ledger.record(migrated);

        scanner().scan("scan-2", 1);

        assertThat(state("payments")).isEqualTo(migrated);
        assertThat(queue.sent()).isEmpty();
    }

    private FleetLedger.ClusterState state(String cluster) {
        return ledger.clusters().stream().filter(c -> c.cluster().equals(cluster)).findFirst()
                .orElseThrow(() -> new AssertionError("no ledger record of " + cluster + " in " + ledger.clusters()));
    }

    /** One annotated service account whose role trusts it through this cluster's OIDC provider. */
    private static FakeCloud oneIrsaBinding() {
        FakeCloud cloud = new FakeCloud();
        cloud.iam.role("payments-api", FakeCloud.irsaTrust("payments/api"));
        cloud.kubernetes.serviceAccount("payments", "api", ROLE_ARN);
        return cloud;
    }

    private static MigrationPlan migratable() {
        return oneIrsaBinding().plan(FakeCloud.approved(false, false, false));
    }

    private static MigrationPlan alreadyMigrated() {
        FakeCloud cloud = oneIrsaBinding();
        cloud.eks.association(new ServiceAccountRef("payments", "api"), ROLE_ARN);
        return cloud.plan(FakeCloud.approved(false, false, false));
    }

    /** Annotated with a role that does not exist: broken, which the migration cannot take. */
    private static MigrationPlan onlyBroken() {
        FakeCloud cloud = new FakeCloud();
        cloud.kubernetes.serviceAccount("payments", "api", "arn:aws:iam::" + HOME + ":role/deleted-long-ago");
        return cloud.plan(FakeCloud.approved(false, false, false));
    }

    /** A cluster in the middle of an update: its preflight fails. */
    private static MigrationPlan notActive() {
        FakeCloud cloud = oneIrsaBinding();
        ClusterInventory inventory = new Discovery(cloud.eks, cloud.iam, c -> cloud.kubernetes).discover();
        ClusterInfo c = inventory.cluster();
        ClusterInfo updating = new ClusterInfo(c.ref(), c.arn(), c.version(), c.platformVersion(), "UPDATING", c.oidcIssuer(),
                c.authenticationMode(), c.autoMode(), c.endpoint(), c.certificateAuthority());
        return Planner.plan(inventory, Preflight.evaluate(updating, Optional.empty(), true), FakeCloud.approved(false, false, false),
                null, FakeCloud.AGENT_VERSION);
    }

    @Test
    void theFakePlansAreWhatTheirNamesSay() {
        assertThat(migratable().migratable()).hasSize(1);
        assertThat(alreadyMigrated().migratable()).isEmpty();
        assertThat(Set.copyOf(onlyBroken().countsByClass().keySet())).extracting(Enum::name).containsExactly("BROKEN");
        assertThat(notActive().preflight().passed()).isFalse();
    }
}
