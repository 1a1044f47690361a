package dev.pim.cli;

import dev.pim.migration.trust.TrustScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.pim.cli.Ran.pim;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --trust-scope} on plan, migrate and run: its default, its values, and the refusal of any other. */
class TrustScopeOptionTest {

    @Test
    void planAndMigrateDefaultToTheServiceAccountScope() {
        PlanCommand plan = Ran.parsed("plan", "-c", "payments");
        MigrateCommand migrate = Ran.parsed("migrate", "-c", "payments", "--trust-scope", "cluster");

        assertThat(plan.planOutput.trustScope()).isEqualTo(TrustScope.SERVICE_ACCOUNT);
        assertThat(migrate.planOutput.trustScope()).isEqualTo(TrustScope.CLUSTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "migrate", "run"})
    void anUnknownScopeIsAUsageErrorNamingTheAllowedValues(String command) {
        Ran ran = pim(command, "-c", "payments", "-r", "us-west-2", "--trust-scope", "namespace");

        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim " + command + ": --trust-scope: unknown trust scope 'namespace': expected one of "
                + "account, cluster, service-account");
    }

    @Test
    void runPassesTheScopeInTheExecutionInput() throws Exception {
        RunCommand run = Ran.parsed("run", "-c", "payments", "--trust-scope", "Account");

        assertThat(Views.JSON.readTree(run.input()).get("trustScope").asText()).isEqualTo("account");
    }
}
