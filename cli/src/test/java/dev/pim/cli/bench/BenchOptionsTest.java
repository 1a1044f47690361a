package dev.pim.cli.bench;

import dev.pim.cli.ExitCodes;
import dev.pim.cli.Pim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pim bench}'s options: out-of-range values refused with the range, before any cluster is generated. */
class BenchOptionsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--bindings|0|--bindings must be within 1..25000, got 0",
            "--bindings|-10|--bindings must be within 1..25000, got -10",
            "--bindings|10,25001|--bindings must be within 1..25000, got 25001",
            "--write-rate|0|--write-rate must be more than 0 and at most 10000 per second, got 0.0",
            "--write-rate|-1|--write-rate must be more than 0 and at most 10000 per second, got -1.0",
            "--write-burst|0|--write-burst must be within 1..10000 calls, got 0",
            "--write-burst|10001|--write-burst must be within 1..10000 calls, got 10001",
            "--latency|-1|--latency must be within 0..10000 milliseconds, got -1",
            "--concurrency|0|--concurrency must be within 1..64, got 0",
            "--concurrency|65|--concurrency must be within 1..64, got 65",
            "--concurrency|41|--concurrency must be within 1..40 when the pipeline path runs (the state machine's maxConcurrency), got 41",
            "--cold-start-runs|1|--cold-start-runs must be 0 (skip) or within 5..100, got 1",
            "--cold-start-runs|4|--cold-start-runs must be 0 (skip) or within 5..100, got 4",
            "--cold-start-runs|-1|--cold-start-runs must be 0 (skip) or within 5..100, got -1"})
    void outOfRangeIsAUsageErrorNamingTheRange(String option, String value, String message) {
        StringWriter err = new StringWriter();
        int code = Pim.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("bench", option + "=" + value);
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void defaultsAreTheIssuesSizesAndFaultsWithMigratesConcurrency() {
        BenchSettings settings = parse("bench").settings();
        assertThat(settings.bindings()).containsExactly(10, 100, 1000, 5000);
        assertThat(settings.latencyMillis()).isEqualTo(30);
        assertThat(settings.writeRatePerSecond()).isEqualTo(10.0);
        assertThat(settings.writeBurst()).as("one second of writes").isEqualTo(10);
        assertThat(settings.invariantChecks()).isTrue();
        assertThat(parse("bench", "--no-invariant-checks").settings().invariantChecks()).isFalse();
        assertThat(settings.concurrency()).isEqualTo(Integer.parseInt(Pim.commandLine().getSubcommands().get("migrate")
                .getCommandSpec().findOption("--concurrency").defaultValue()));
        assertThat(settings.concurrencyIsCliDefault()).isTrue();
        assertThat(settings.paths()).containsExactly("cli", "pipeline");
        assertThat(settings.coldStartRuns()).isEqualTo(5);
    }

    @Test
    void sizesRepeatOrComeAsAListAndZeroColdStartRunsSkips() {
        BenchSettings settings = parse("bench", "--bindings", "10", "--bindings=100,1000", "--cold-start-runs", "0",
                "--concurrency", "8", "--path", "cli").settings();
        assertThat(settings.bindings()).isEqualTo(List.of(10, 100, 1000));
        assertThat(settings.coldStartRuns()).isZero();
        assertThat(settings.concurrency()).isEqualTo(8);
        assertThat(settings.concurrencyIsCliDefault()).isFalse();
        assertThat(settings.paths()).containsExactly("cli");
        assertThat(parse("bench", "--path", "cli", "--concurrency", "64").settings().concurrency()).isEqualTo(64);
    }

    private static BenchCommand parse(String... args) {
        CommandLine root = Pim.commandLine();
        CommandLine.ParseResult parsed = root.parseArgs(args);
        return (BenchCommand) parsed.subcommand().commandSpec().userObject();
    }
}
