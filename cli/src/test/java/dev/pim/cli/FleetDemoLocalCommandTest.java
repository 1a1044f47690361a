package dev.pim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.pim.cli.Ran.pim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code pim fleet status}, {@code pim demo} and {@code pim local serve}: parsing and the refusals that come before any server starts. */
class FleetDemoLocalCommandTest {
    @TempDir
    Path dir;

    @Test
    void fleetAloneListsItsSubcommands() {
        Ran ran = pim("fleet");
        assertThat(ran.code()).isEqualTo(ExitCodes.OK);
        assertThat(ran.out()).contains("status");
    }

    @Test
    void fleetStatusWithoutATableIsRefusedSayingWhereOneComesFrom() {
        assumeTrue(System.getenv("PIM_JOURNAL_TABLE") == null, "PIM_JOURNAL_TABLE is set in the environment");
        Ran ran = pim("fleet", "status", "-r", "us-west-2");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim fleet status: no table: pass --journal-table or set PIM_JOURNAL_TABLE");
    }

    @Test
    void fleetStatusRefusesARegionThatIsNone() {
        Ran ran = pim("fleet", "status", "--journal-table", "pim-ledger", "-r", "mars-1");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim fleet status: unknown region 'mars-1' (--region)");
    }

    @Test
    void fleetStatusRefusesAnOutputFormatNotOffered() {
        Ran ran = pim("fleet", "status", "--journal-table", "pim-ledger", "-o", "yaml");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("--output");
    }

    @Test
    void fleetStatusFailsWithExitOneWhenTheTableCannotBeRead() {
        String endpoint = Ran.closedEndpoint();
        String keyBefore = System.setProperty("aws.accessKeyId", "test");
        String secretBefore = System.setProperty("aws.secretAccessKey", "test");
        try {
            Ran ran = pim("fleet", "status", "--journal-table", "pim-ledger", "-r", "us-west-2", "--endpoint-url", endpoint);
            assertThat(ran.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(ran.err()).contains("pim fleet status: cannot read the fleet from table pim-ledger")
                    .doesNotContain("\tat ");
        } finally {
            restore("aws.accessKeyId", keyBefore);
            restore("aws.secretAccessKey", secretBefore);
        }
    }

    @Test
    void fleetStatusOptionsParseToTheirValues() {
        FleetCommand.Status status = Ran.parsed("fleet", "status", "--journal-table", "pim-ledger", "-o", "json", "-r", "eu-west-1");
        assertThat(status.table).isEqualTo("pim-ledger");
        assertThat(status.output.format).isEqualTo(OutputOption.Format.json);
        assertThat(status.aws.region()).isEqualTo("eu-west-1");
    }

    @Test
    void demoDefaultsAndInputs() throws Exception {
        DemoCommand demo = Ran.parsed("demo");
        assertThat(demo.fixture).isNull();
        assertThat(demo.maxRunning).isEqualTo(5);
        assertThat(demo.port).isZero();
        assertThat(demo.fleet || demo.planOnly || demo.noCleanup).isFalse();
        assertThat(Views.JSON.readTree(demo.input("demo", false))).isEqualTo(Views.JSON.readTree("{\"cluster\":\"demo\"}"));
        assertThat(Views.JSON.readTree(demo.input("demo", true))).isEqualTo(Views.JSON.readTree("{\"cluster\":\"demo\","
                + "\"approve\":true,\"restartWorkloads\":true,\"removeIrsaAnnotation\":true,\"removeOidcTrust\":true}"));

        DemoCommand noCleanup = Ran.parsed("demo", "--no-cleanup", "--plan-only", "--fleet", "--max-running", "2",
                "--fixture", "scenario-shared-role", "-c", "shared", "--port", "4599");
        JsonNode apply = Views.JSON.readTree(noCleanup.input("shared", true));
        assertThat(apply).isEqualTo(Views.JSON.readTree("{\"cluster\":\"shared\",\"approve\":true}"));
        assertThat(noCleanup.maxRunning).isEqualTo(2);
        assertThat(noCleanup.fixture).isEqualTo("scenario-shared-role");
        assertThat(noCleanup.cluster).isEqualTo("shared");
        assertThat(noCleanup.port).isEqualTo(4599);
        assertThat(noCleanup.fleet && noCleanup.planOnly).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-fixture", "/no/such/file.yaml"})
    void demoRefusesAFixtureItCannotLoad(String fixture) {
        Ran ran = pim("demo", "--fixture", fixture);
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim demo: invalid fixture: ");
    }

    @Test
    void demoRefusesAFixtureThatIsNoFixtureNamingTheFile() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "accounts: [{id: 12}]\n");
        Ran ran = pim("demo", "--fixture", broken.toString());
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim demo: invalid fixture: ").contains("broken.yaml");
    }

    @Test
    void localAloneListsItsSubcommands() {
        Ran ran = pim("local");
        assertThat(ran.code()).isEqualTo(ExitCodes.OK);
        assertThat(ran.out()).contains("serve");
    }

    @Test
    void localServeDefaults() {
        LocalCommand.Serve serve = Ran.parsed("local", "serve");
        assertThat(serve.fixture).isEqualTo("demo");
        assertThat(serve.port).isEqualTo(4566);
        assertThat(serve.noPipeline).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536})
    void localServeRefusesAPortOutOfRange(int port) {
        Ran ran = pim("local", "serve", "--port", String.valueOf(port));
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim local serve: --port must be 0..65535, got " + port);
    }

    @Test
    void localServeRefusesAFixtureItCannotLoad() {
        Ran ran = pim("local", "serve", "--fixture", "no-such-fixture", "--port", "0");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim local serve: invalid fixture: ").contains("no such fixture");
    }

    private static void restore(String property, String before) {
        if (before == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, before);
        }
    }
}
