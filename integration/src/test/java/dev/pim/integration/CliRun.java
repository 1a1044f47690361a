package dev.pim.integration;

import dev.pim.cli.Pim;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the {@code pim} command line in-process and captures what it prints. */
public record CliRun(int exitCode, String out, String err) {

    /** {@code pim <args>} against the local cloud, with its own journal and plain progress lines. */
    public static CliRun against(dev.pim.local.junit.LocalCloudExtension cloud, Path journal, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--region", "us-west-2", "--endpoint-url", cloud.endpoint().toString(),
                "--journal-dir", journal.toString(), "--no-progress"));
        return of(all.toArray(String[]::new));
    }

    /** {@code pim <args>} against the local cloud, journaling in the pipeline's table (as {@code --journal-table}). */
    public static CliRun againstTable(dev.pim.local.junit.LocalCloudExtension cloud, String table, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--region", "us-west-2", "--endpoint-url", cloud.endpoint().toString(),
                "--journal-table", table, "--no-progress"));
        return of(all.toArray(String[]::new));
    }

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Pim.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
