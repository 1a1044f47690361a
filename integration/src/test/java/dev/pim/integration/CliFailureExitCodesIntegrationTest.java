package dev.pim.integration;

import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.eks.EksClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures the CLI must end with one clear line and the documented exit code (README, Exit codes): a Pod Identity
 * agent that does not install, AWS that does not answer, a journal that cannot be used.
 */
@ExtendWith(TestCredentials.class)
class CliFailureExitCodesIntegrationTest {

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo").withAddonSettleTime(Duration.ofMillis(100));

    @TempDir
    Path journal;

    private CliRun pim(String... args) {
        return CliRun.against(cloud, journal, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE_FAILED", "DEGRADED"})
    void anAgentThatDoesNotInstallFailsTheRunNamingItsStatusAndHealthBeforeAnyRoleOrAssociation(String outcome) {
        cloud.cloud().write(s -> s.cluster("111122223333", "us-west-2", "demo").orElseThrow()
                .addonOutcomes.put("eks-pod-identity-agent", outcome));

        CliRun run = pim("migrate", "--cluster", "demo", "--approve", "--timeout", "1m");

        // Its install was a write (rollback removes it), so: failed after changing the cluster.
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(4);
        assertThat(run.out()).contains("FAILED").doesNotContain("PARTIAL").contains("./pim rollback --cluster demo --run ");
        AgentNotInstalled.assertStoppedTheRun(run.out(), outcome, cloud.counters());
    }

    @Test
    void rollbackWithAwsUnreachableChangesNothingAndNamesTheEndpoint() throws IOException {
        String refusing = "http://127.0.0.1:" + freePort();

        CliRun run = CliRun.of("rollback", "--cluster", "demo", "--region", "us-west-2", "--endpoint-url", refusing,
                "--journal-dir", journal.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("pim rollback: cannot reach " + refusing).doesNotContain("part-way");
    }

    @Test
    void aJournalTableThatDoesNotExistIsNamedWithoutAStackTrace() {
        CliRun run = CliRun.againstTable(cloud, "no-such-journal", "migrate", "--cluster", "demo", "--approve");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("pim migrate: the journal cannot be used")
                .contains("DynamoDB table no-such-journal").contains("non-existent table")
                .doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).isZero();
    }

    @Test
    void aCorruptRunRecordIsNamedWithWhatIsWrong() throws IOException {
        CliRun migrate = pim("migrate", "--cluster", "demo", "--approve");
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
        Path record;
        try (Stream<Path> files = Files.walk(journal)) {
            record = files.filter(p -> p.getFileName().toString().equals("run.json")).findFirst().orElseThrow();
        }
        Files.writeString(record, "{\"runId\": ");
        long writesBefore = cloud.counters().mutatingCalls();

        CliRun rollback = pim("rollback", "--cluster", "demo");

        assertThat(rollback.exitCode()).as(rollback.err()).isEqualTo(1);
        assertThat(rollback.err()).contains("pim rollback: cannot read " + record + ": not a journal record")
                .doesNotContain("\tat ").doesNotContain("part-way");
        assertThat(cloud.counters().mutatingCalls()).isEqualTo(writesBefore);
    }

    @Test
    void aJournalDirectoryThatIsAFileIsNamedWithTheProblem() throws IOException {
        Path notADirectory = Files.writeString(journal.resolve("journal"), "");

        CliRun run = CliRun.of("migrate", "--cluster", "demo", "--approve", "--region", "us-west-2", "--endpoint-url",
                cloud.endpoint().toString(), "--journal-dir", notADirectory.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("pim migrate: cannot create the journal of run").contains(notADirectory.toString())
                .contains("FileSystemException").doesNotContain("\tat ");
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).isZero();
    }

    /**
     * An update of the add-on in progress (the pipeline's RemoveAnnotations starts one and does not wait for it): what
     * DescribeAddon shows is not yet what EKS applies. With the add-on's IRSA role kept, discovery knows aws-node as the
     * add-on's binding by that role; once a run cleared it, verify knows it by its association's owner.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void verifyCountsNoAddonBindingWhileItsAddonsUpdateHasNotSettled(boolean roleClearedByTheRun) {
        CliRun migrate = roleClearedByTheRun
                ? pim("migrate", "--cluster", "demo", "--approve", "--restart-workloads", "--remove-irsa-annotation", "--timeout", "1m")
                : pim("migrate", "--cluster", "demo", "--approve", "--restart-workloads", "--timeout", "1m");
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofMinutes(5));
        String role = roleClearedByTheRun ? "" : "arn:aws:iam::111122223333:role/demo-vpc-cni";
        try (EksClient eks = PodIdentityAssociationIntegrationTest.eks(cloud)) {
            eks.updateAddon(r -> r.clusterName("demo").addonName("vpc-cni").serviceAccountRoleArn(role));
        }

        CliRun verify = pim("verify", "--cluster", "demo");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(3);
        assertThat(verify.out()).contains("17 of 18 binding(s) verified")
                .contains("add-on vpc-cni is UPDATING: its last update has not settled yet");
    }

    /** A port nothing listens on: bound, then closed, so a connection to it is refused. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
