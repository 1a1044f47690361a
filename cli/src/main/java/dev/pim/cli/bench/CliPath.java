package dev.pim.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.LocalCloud;
import dev.pim.migration.plan.AssociationQuota;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CLI path: {@code pim migrate --approve} in-process (the same command, engine and session a user runs) against
 * a fresh local cloud, timed; then the same command again, which must write nothing.
 */
final class CliPath {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CliPath() {
    }

    static PathResult.Measured run(GeneratedCluster cluster, BenchSettings settings, Supplier<CommandLine> cli) {
        Path journal = tempJournal();
        try (LocalCloud cloud = LocalRun.start(cluster, settings)) {
            LocalRun.degrade(cloud, settings);
            long started = System.nanoTime();
            String status = migrate(cloud, cluster, settings, journal, cli);
            double wall = (System.nanoTime() - started) / 1e9;
            ServedCalls first = ServedCalls.of(cloud);
            String again = migrate(cloud, cluster, settings, journal, cli);
            ServedCalls rerun = ServedCalls.of(cloud).since(first);
            String combined = status.equals(again) ? status : status + " then " + again;
            return new PathResult.Measured("cli", combined, wall, first, rerun, null, null, null);
        }
    }

    /** Runs the command as a user would, with JSON output; returns the report's status, or the failure. */
    private static String migrate(LocalCloud cloud, GeneratedCluster cluster, BenchSettings settings, Path journal,
                                  Supplier<CommandLine> cli) {
        List<String> args = new ArrayList<>(List.of("migrate", "--cluster", cluster.name(), "--approve", "--output", "json",
                "--no-progress", "--region", GeneratedCluster.REGION, "--endpoint-url", cloud.endpoint().toString(),
                "--journal-dir", journal.toString()));
        if (settings.associationsPerCluster() != AssociationQuota.EKS_PER_CLUSTER) {
            args.addAll(List.of("--associations-per-cluster", String.valueOf(settings.associationsPerCluster())));
        }
        if (!settings.concurrencyIsCliDefault()) {
            args.addAll(List.of("--concurrency", String.valueOf(settings.concurrency())));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = cli.get().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = command.execute(args.toArray(String[]::new));
        try {
            JsonNode report = JSON.readTree(out.toString());
            if (report != null && report.hasNonNull("status")) {
                return report.get("status").asText();
            }
        } catch (IOException e) {
            // Not a report: the command failed before it could print one; its error says why.
        }
        return "FAILED (exit " + code + ": " + err.toString().strip() + ")";
    }

    private static Path tempJournal() {
        try {
            return Files.createTempDirectory("pim-bench-journal");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a journal directory for the bench: " + e.getMessage(), e);
        }
    }
}
