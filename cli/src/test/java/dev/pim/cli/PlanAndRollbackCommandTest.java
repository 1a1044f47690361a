package dev.pim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.pim.cli.Ran.pim;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code pim plan} and {@code pim rollback}: their own options and refusals; rollback's journal-only paths. */
class PlanAndRollbackCommandTest {
    @TempDir
    Path journal;

    @Test
    void planOptionsParseToTheirValues() {
        PlanCommand plan = Ran.parsed("plan", "-c", "payments", "--remove-oidc-trust", "--remove-wildcard-oidc-trust",
                "--show-trust", "--include-service-account", "shop/orders");
        assertThat(plan.removeOidcTrust).isTrue();
        assertThat(plan.removeWildcardOidcTrust).isTrue();
        assertThat(plan.planOutput.showTrust).isTrue();
        assertThat(plan.planOutput.includedServiceAccounts()).extracting(Object::toString).containsExactly("shop/orders");
    }

    @Test
    void planRefusesWildcardRemovalWithoutOidcRemoval() {
        Ran ran = pim("plan", "-c", "payments", "-r", "us-west-2", "--remove-wildcard-oidc-trust");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim plan: --remove-wildcard-oidc-trust only makes sense with --remove-oidc-trust");
    }

    @Test
    void planRefusesAMalformedServiceAccount() {
        Ran ran = pim("plan", "-c", "payments", "-r", "us-west-2", "--include-service-account", "a/b/c");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("--include-service-account: expected namespace/name, got 'a/b/c'");
    }

    @Test
    void rollbackOptionsParseToTheirValues() {
        RollbackCommand rollback = Ran.parsed("rollback", "-c", "payments");
        assertThat(rollback.runId).isNull();
        assertThat(rollback.keepAgent).isFalse();
        assertThat(rollback.timeout).isEqualTo(Duration.ofMinutes(25));

        rollback = Ran.parsed("rollback", "-c", "payments", "--run", "20261122T220501Z-k3f9", "--keep-agent", "--timeout", "90s");
        assertThat(rollback.runId).isEqualTo("20261122T220501Z-k3f9");
        assertThat(rollback.keepAgent).isTrue();
        assertThat(rollback.timeout).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void rollbackRefusesARunIdOfTheWrongForm() {
        Ran ran = pim("rollback", "-c", "payments", "-r", "us-west-2", "--run", "../etc/passwd");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim rollback: --run: '../etc/passwd' is not a run id (they look like 20261122T220501Z-k3f9)");
    }

    /**
     * AWS unreachable from the rollback's first call (the cluster, before any change): a failure before any change,
     * with the endpoint named, as every other command answers it. Only a failure once the rollback is under way
     * answers as if it may have changed something.
     */
    @Test
    void aRollbackThatCannotReachAwsChangedNothingAndNamesTheEndpoint() {
        String keyBefore = System.setProperty("aws.accessKeyId", "test");
        String secretBefore = System.setProperty("aws.secretAccessKey", "test");
        try {
            String endpoint = Ran.closedEndpoint();
            Ran ran = pim("rollback", "-c", "payments", "-r", "us-west-2", "--endpoint-url", endpoint,
                    "--journal-dir", journal.toString(), "--no-progress");
            assertThat(ran.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(ran.err()).startsWith("pim rollback: cannot reach " + endpoint + ": ")
                    .doesNotContain("part-way").doesNotContain("\tat ");
        } finally {
            restore("aws.accessKeyId", keyBefore);
            restore("aws.secretAccessKey", secretBefore);
        }
    }

    private static void restore(String property, String before) {
        if (before == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, before);
        }
    }

    @Test
    void rollbackOfARunTheJournalDoesNotHoldFailsNamingTheJournal() {
        Ran ran = pim("rollback", "-c", "payments", "-r", "us-west-2", "--endpoint-url", Ran.closedEndpoint(),
                "--journal-dir", journal.toString(), "--run", "20261122T220501Z-k3f9", "--no-progress");
        assertThat(ran.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(ran.err()).contains("--run: no run '20261122T220501Z-k3f9' in the journal at " + journal);
    }
}
