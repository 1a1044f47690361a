package dev.pim.cli;

import dev.pim.app.ClusterSession;
import dev.pim.app.CommandEngine;
import dev.pim.app.CommandSettings;
import dev.pim.migration.journal.Journal;

import java.io.PrintWriter;
import java.util.Map;

/** The engine for one CLI command, built by the composition root from the command's options, with its progress output. */
final class Engine implements AutoCloseable {
    final ClusterSession session;
    final CliProgress progress;
    final Journal journal;
    /** Where the journal is, for messages: a directory or {@code table <name>}. */
    final String journalLocation;
    private final CommandEngine engine;

    private Engine(CommandEngine engine, CliProgress progress) {
        this.engine = engine;
        this.session = engine.session();
        this.progress = progress;
        this.journal = engine.journal();
        this.journalLocation = engine.journalLocation();
    }

    static Engine open(ClusterOptions options, PrintWriter err) {
        CliProgress progress = CliProgress.forTerminal(err, options.noProgress);
        CommandSettings settings = new CommandSettings(options.region(), options.endpoint(), options.cluster,
                options.journalTable(), options.journalDir);
        return new Engine(CommandEngine.open(settings, progress), progress);
    }

    /** The SDK calls made so far, by operation. */
    Map<String, Long> calls() {
        return engine.calls();
    }

    @Override
    public void close() {
        progress.close();
        engine.close();
    }
}
