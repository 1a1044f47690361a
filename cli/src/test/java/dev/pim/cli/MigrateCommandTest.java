package dev.pim.cli;

import dev.pim.migration.ServiceAccountRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static dev.pim.cli.Ran.pim;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code pim migrate}'s own options: what they parse to, and each refusal (exit 2, nothing called). */
class MigrateCommandTest {

    @Test
    void defaultsPlanOnlyWithTheDocumentedValues() {
        MigrateCommand migrate = Ran.parsed("migrate", "-c", "payments");
        assertThat(migrate.changes.approve).isFalse();
        assertThat(migrate.timeout).isEqualTo(Duration.ofMinutes(25));
        assertThat(migrate.restartBudget).isEqualTo(2);
        assertThat(migrate.concurrency).isEqualTo(4);
        assertThat(migrate.changes.restartWorkloads || migrate.changes.removeIrsaAnnotation || migrate.changes.removeOidcTrust
                || migrate.removeWildcardOidcTrust).isFalse();
        assertThat(migrate.planOutput.includedServiceAccounts()).isEmpty();
        assertThat(migrate.planOutput.bridgeRole).isNull();
    }

    @Test
    void everyOptionParsesToItsValue() {
        MigrateCommand migrate = Ran.parsed("migrate", "-c", "payments", "--approve", "--timeout", "1h30m",
                "--restart-workloads", "--restart-budget", "5", "--remove-irsa-annotation",
                "--remove-oidc-provider-trust-relationship", "--remove-wildcard-oidc-trust", "--concurrency", "64",
                "--cross-account-bridge-role", "bridge", "--include-service-account", "shop/orders",
                "--include-service-account", " shop/ledger ", "--show-trust");
        assertThat(migrate.changes.approve).isTrue();
        assertThat(migrate.timeout).isEqualTo(Duration.ofMinutes(90));
        assertThat(migrate.changes.restartWorkloads).isTrue();
        assertThat(migrate.restartBudget).isEqualTo(5);
        assertThat(migrate.changes.removeIrsaAnnotation).isTrue();
        assertThat(migrate.changes.removeOidcTrust).as("eksctl's name for --remove-oidc-trust").isTrue();
        assertThat(migrate.removeWildcardOidcTrust).isTrue();
        assertThat(migrate.concurrency).isEqualTo(64);
        assertThat(migrate.planOutput.bridgeRole).isEqualTo("bridge");
        assertThat(migrate.planOutput.includedServiceAccounts()).containsExactly(new ServiceAccountRef("shop", "orders"),
                new ServiceAccountRef("shop", "ledger"));
        assertThat(migrate.planOutput.showTrust).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--restart-workloads|--restart-workloads changes the cluster, so it needs --approve (nothing was changed)",
            "--remove-irsa-annotation|--remove-irsa-annotation changes the cluster, so it needs --approve (nothing was changed)",
            "--remove-oidc-trust|--remove-oidc-trust changes the cluster, so it needs --approve (nothing was changed)"})
    void aChangingFlagWithoutApproveIsRefused(String flag, String message) {
        Ran ran = pim("migrate", "-c", "payments", "-r", "us-west-2", flag);
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim migrate: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--restart-budget=0|--restart-budget must be at least 1, got 0",
            "--restart-budget=-3|--restart-budget must be at least 1, got -3",
            "--concurrency=0|--concurrency must be within 1..64, got 0",
            "--concurrency=65|--concurrency must be within 1..64, got 65",
            "--remove-wildcard-oidc-trust|--remove-wildcard-oidc-trust only makes sense with --remove-oidc-trust",
            "--include-service-account=orders|--include-service-account: expected namespace/name, got 'orders'",
            "--include-service-account=shop/|--include-service-account: expected namespace/name, got 'shop/'",
            "--concurrency=four|Invalid value for option '--concurrency': 'four' is not an int"})
    void anOutOfRangeOrMalformedValueIsRefusedNamingTheOption(String option, String message) {
        Ran ran = pim("migrate", "-c", "payments", "-r", "us-west-2", "--approve", option);
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains(message);
    }
}
