package dev.pim.integration;

import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.apply.AssociationSteps;
import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EKS's quota of Pod Identity associations per cluster through the CLI on the local cloud: a plan that would pass it
 * is refused before any write, naming the quota, the count and the cluster.
 */
@ExtendWith(TestCredentials.class)
class AssociationQuotaIntegrationTest {
    private static final String ACCOUNT = "111122223333";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @TempDir
    Path journal;

    /** Associations of service accounts the migration does not know, as another team's tooling would have made. */
    static void holdAssociations(LocalCloudExtension cloud, int count) {
        cloud.cloud().write(state -> {
            ClusterState demo = state.cluster(ACCOUNT, "us-west-2", "demo").orElseThrow();
            Instant now = state.now();
            for (int i = 0; i < count; i++) {
                String id = Ids.associationId();
                AssociationState a = new AssociationState(id, "arn:aws:eks:us-west-2:" + ACCOUNT
                        + ":podidentityassociation/demo/" + id, "demo", "batch", "job-" + i, now);
                a.roleArn = "arn:aws:iam::" + ACCOUNT + ":role/batch-jobs";
                demo.associations.put(id, a);
            }
        });
    }

    private static int associationsHeld() {
        Integer held = cloud.cloud().read(s -> s.cluster(ACCOUNT, "us-west-2", "demo").orElseThrow().associations.size());
        return held;
    }

    @Test
    void aClusterThatWouldPassEksQuotaIsRefusedByPlanAndMigrateWithNothingWritten() throws IOException {
        holdAssociations(cloud, 4_990);
        cloud.counters().reset();

        CliRun plan = CliRun.against(cloud, journal, "plan", "--cluster", "demo");
        CliRun migrate = CliRun.against(cloud, journal, "migrate", "--cluster", "demo", "--approve");

        String refusal = "cluster demo: 5,008 Pod Identity associations after the migration (4,990 existing + 18 new), "
                + "over EKS's quota of 5,000 per cluster (not adjustable) by 8";
        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.out()).contains("FAIL  Pod Identity associations").contains(refusal);
        assertThat(migrate.exitCode()).isEqualTo(1);
        assertThat(migrate.out()).contains(refusal);
        assertThat(cloud.counters().mutatingCalls()).as("no write to IAM, EKS or Kubernetes").isZero();
        try (var runs = Files.list(journal)) {
            assertThat(runs).as("no run opened in the journal").isEmpty();
        }
    }

    @Test
    void associationsRefusedBecauseAnotherWriterTookTheRoomAreNamedFailuresNotCrashes() {
        cloud.cloud().write(state -> {
            state.behaviour.associationsPerCluster = 20;
            state.behaviour.addonSettleTime = Duration.ofMillis(100);
        });
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            MigrationPlan plan = engine.session.plan(MigrationOptions.builder().approve(true)
                    .timeout(Duration.ofMinutes(2)).associationsPerCluster(20).build());
            assertThat(plan.preflight().passed()).as("18 new of 20: the plan has room").isTrue();
            // Another writer, between the plan and the run, leaves the cluster one association below its quota.
            holdAssociations(cloud, 19);

            MigrationReport report = engine.session.migrate(plan);

            assertThat(report.status()).isEqualTo(MigrationReport.Status.PARTIAL);
            List<StepResult> associations = report.results().stream()
                    .filter(r -> r.step().equals("association") || r.step().equals("addon")).toList();
            assertThat(associations).filteredOn(StepResult::ok).as("the one association there was room for").hasSize(1);
            assertThat(associations).filteredOn(StepResult::failed).hasSize(associations.size() - 1)
                    .allSatisfy(r -> assertThat(r.detail()).startsWith(AssociationSteps.QUOTA_REACHED)
                            .contains("has reached the limit of 20 Pod Identity associations").contains("on IRSA"));
        }
        assertThat(associationsHeld())
                .isEqualTo(20);
    }

    @Test
    void aRaisedQuotaLetsTheSameClusterMigrate() {
        cloud.cloud().write(state -> state.behaviour.associationsPerCluster = 6_000);
        holdAssociations(cloud, 4_990);

        CliRun migrate = CliRun.against(cloud, journal, "migrate", "--cluster", "demo", "--approve",
                "--associations-per-cluster", "6000");

        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
        assertThat(associationsHeld())
                .isEqualTo(5_008);
    }
}
