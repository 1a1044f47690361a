package dev.pim.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code pim} CLI against the local cloud, as a user runs it with {@code --endpoint-url}. */
@ExtendWith(TestCredentials.class)
class CliIntegrationTest {

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo").withAddonSettleTime(Duration.ofMillis(100));

    @TempDir
    Path journal;

    private CliRun pim(String... args) {
        return CliRun.against(cloud, journal, args);
    }

    @Test
    void planPrintsEveryBindingWithItsClassAndChangesNothing() {
        CliRun run = pim("plan", "--cluster", "demo");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("payments/payments-api").contains("migratable")
                .contains("Summary: 18 binding(s): 18 migratable")
                .contains("CloudFormation stack eksctl-demo-addon-iamserviceaccount-kube-system-aws-load-balancer-controller");
        assertThat(cloud.counters().mutatingCalls()).isZero();
    }

    @Test
    void planAsJsonHasClassesActionsAndTrustBeforeAndAfter() throws Exception {
        CliRun run = pim("plan", "--cluster", "demo", "--output", "json");
        assertThat(run.exitCode()).isZero();
        JsonNode plan = new ObjectMapper().readTree(run.out());
        assertThat(plan.get("bindings")).hasSize(18);
        assertThat(plan.get("bindings").get(0).get("actions")).isNotEmpty();
        assertThat(plan.get("roles")).allSatisfy(r -> {
            assertThat(r.get("trustBefore").asText()).contains("sts:AssumeRoleWithWebIdentity");
            assertThat(r.get("trustAfter").asText()).contains("pods.eks.amazonaws.com");
        });
    }

    @Test
    void migrateWithoutApproveOnlyPlans() {
        CliRun run = pim("migrate", "--cluster", "demo");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("No change was made: run again with --approve");
        assertThat(cloud.counters().mutatingCalls()).isZero();
    }

    @Test
    void contradictoryFlagsAreRefusedBeforeAnyCall() {
        CliRun run = pim("migrate", "--cluster", "demo", "--remove-oidc-trust");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--remove-oidc-trust changes the cluster, so it needs --approve");
        assertThat(cloud.counters().totalCalls()).isZero();
    }

    @Test
    void unknownClusterRegionAndRunAreNamed() {
        CliRun cluster = pim("plan", "--cluster", "nope");
        assertThat(cluster.exitCode()).isEqualTo(1);
        assertThat(cluster.err()).contains("no EKS cluster named 'nope' in us-west-2");

        CliRun region = CliRun.of("plan", "--cluster", "demo", "--region", "mars", "--endpoint-url", cloud.endpoint().toString());
        assertThat(region.exitCode()).isEqualTo(2);
        assertThat(region.err()).contains("unknown region 'mars'");

        CliRun run = pim("rollback", "--cluster", "demo", "--run", "20990101T000000Z-zzzz");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no run '20990101T000000Z-zzzz'");
        assertThat(cloud.counters().mutatingCalls()).isZero();
    }

    @Test
    void migrateVerifyAndRollBack() {
        CliRun migrate = pim("migrate", "--cluster", "demo", "--approve", "--restart-workloads", "--remove-irsa-annotation",
                "--remove-oidc-provider-trust-relationship", "--timeout", "2m");
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
        assertThat(migrate.out()).contains("SUCCEEDED").contains("association: 16 done").contains("Verification: 18 of 18");

        CliRun verify = pim("verify", "--cluster", "demo");
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("18 of 18 binding(s) verified (clean)");

        CliRun rollback = pim("rollback", "--cluster", "demo");
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("restored the original trust policy");
    }

    @Test
    void aRoleOverTheQuotaMakesTheRunPartial() {
        cloud.cloud().reset(FixtureLoader.load("scenario-trust-near-quota"));
        // The fixture is sized for the documented (account-wide) statement; a scoped one is longer still.
        CliRun run = pim("migrate", "--cluster", "dense", "--approve", "--trust-scope", "account");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains("PARTIAL").contains("over the account's quota of 2048 by 69");
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).as("only roomy's trust is written").isEqualTo(1);
    }
}
