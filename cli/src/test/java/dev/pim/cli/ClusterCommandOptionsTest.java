package dev.pim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static dev.pim.cli.Ran.pim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The options every cluster command shares (plan, migrate, verify, rollback): values parsed, and each bad value
 * refused with exit code 2 and a message naming the option, before any AWS call.
 */
class ClusterCommandOptionsTest {
    @TempDir
    Path journal;

    @ParameterizedTest
    @ValueSource(strings = {"plan", "migrate", "verify", "rollback"})
    void withoutAClusterIsAUsageErrorNamingTheOption(String command) {
        Ran ran = pim(command, "--region", "us-west-2");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("Missing required option: '--cluster=<cluster>'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "migrate", "verify", "rollback"})
    void aClusterNameEksCouldNotHaveGivenIsRefused(String command) {
        Ran ran = pim(command, "--cluster", "pay ments", "--region", "us-west-2");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim " + command + ": --cluster: 'pay ments' is not an EKS cluster name");
    }

    @ParameterizedTest(name = "{0} --region {1}")
    @CsvSource({"plan,mars-1", "migrate,us-nowhere-9", "verify,US-WEST-2", "rollback,eu-west"})
    void aRegionThatIsNoAwsRegionIsRefused(String command, String region) {
        Ran ran = pim(command, "-c", "payments", "--region", region, "--journal-dir", journal.toString());
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("unknown region '" + region + "' (--region)");
    }

    @Test
    void noRegionAtAllIsRefusedSayingWhereOneComesFrom() {
        assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
                "a region is set in the environment");
        Ran ran = pim("plan", "-c", "payments");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("no region: pass --region or set AWS_REGION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1:4566", "127.0.0.1:4566", "http://", "http://bad host:1"})
    void anEndpointThatIsNoHttpUrlIsRefused(String endpoint) {
        Ran ran = pim("plan", "-c", "payments", "-r", "us-west-2", "--endpoint-url", endpoint);
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("--endpoint-url: '" + endpoint + "' is not");
    }

    @Test
    void anOutputFormatNotOfferedIsRefusedListingTheOffered() {
        Ran ran = pim("plan", "-c", "payments", "-r", "us-west-2", "--output", "yaml");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("--output").contains("yaml").contains("table, json");
    }

    @Test
    void twoJournalsAtOnceAreRefused() {
        Ran ran = pim("rollback", "-c", "payments", "-r", "us-west-2", "--journal-dir", journal.toString(),
                "--journal-table", "pim-ledger");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("--journal-dir and --journal-table: choose one journal");
    }

    @Test
    void aJournalTableNameDynamoDbWouldRefuseIsRefused() {
        Ran ran = pim("verify", "-c", "payments", "-r", "us-west-2", "--journal-table", "ab");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("--journal-table: 'ab' is not a DynamoDB table name");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Ran ran = pim("verify", "-c", "payments", "--approve");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("Unknown option: '--approve'");
    }

    @Test
    void anEndpointWhereNothingListensFailsWithExitOneNamingIt() {
        String endpoint = Ran.closedEndpoint();
        String keyBefore = System.setProperty("aws.accessKeyId", "test");
        String secretBefore = System.setProperty("aws.secretAccessKey", "test");
        try {
            Ran ran = pim("plan", "-c", "payments", "-r", "us-west-2", "--endpoint-url", endpoint,
                    "--journal-dir", journal.toString(), "--no-progress");
            assertThat(ran.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(ran.err()).contains("pim plan: cannot reach " + endpoint);
        } finally {
            restore("aws.accessKeyId", keyBefore);
            restore("aws.secretAccessKey", secretBefore);
        }
    }

    @Test
    void sharedOptionsParseToTheirValues() {
        MigrateCommand migrate = Ran.parsed("migrate", "-c", "payments", "-r", "eu-central-1", "--endpoint-url",
                "http://127.0.0.1:4566", "-o", "json", "--journal-dir", "/tmp/j", "--no-progress");
        assertThat(migrate.cluster.cluster).isEqualTo("payments");
        assertThat(migrate.cluster.region()).isEqualTo("eu-central-1");
        assertThat(migrate.cluster.endpoint()).hasToString("http://127.0.0.1:4566");
        assertThat(migrate.json()).isTrue();
        assertThat(migrate.cluster.journalDir).isEqualTo(Path.of("/tmp/j"));
        assertThat(migrate.cluster.noProgress).isTrue();

        VerifyCommand verify = Ran.parsed("verify", "--cluster=payments", "-r", "us-west-2");
        assertThat(verify.json()).as("table is the default output").isFalse();
        assertThat(verify.cluster.journalDir).isNull();
    }

    @Test
    void durationsAreWrittenAsEksctlWritesThem() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("25m")).isEqualTo(Duration.ofMinutes(25));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5x", "0s", "m", "10", "1h 30m", "-5m"})
    void aTimeoutThatIsNoDurationIsRefusedNamingTheOption(String timeout) {
        Ran ran = pim("rollback", "-c", "payments", "-r", "us-west-2", "--timeout", timeout);
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("--timeout").contains("'" + timeout + "' is not a duration like 25m, 90s or 1h30m");
    }

    private static void restore(String property, String before) {
        if (before == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, before);
        }
    }
}
