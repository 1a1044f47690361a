package dev.pim.cli;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.engine.ClusterSession;
import dev.pim.ledger.FileJournal;
import dev.pim.ledger.InProcessRoleLeases;
import dev.pim.migration.apply.Sleeper;

import java.time.Clock;
import java.time.Duration;

/** Wires the engine for one CLI command: SDK clients, the file journal, progress output. */
final class Engine implements AutoCloseable {
    final AwsClients clients;
    final ClusterSession session;
    final CliProgress progress;
    final FileJournal journal;

    private Engine(AwsClients clients, ClusterSession session, CliProgress progress, FileJournal journal) {
        this.clients = clients;
        this.session = session;
        this.progress = progress;
        this.journal = journal;
    }

    static Engine open(ClusterOptions options, java.io.PrintWriter err) {
        String region = options.region();
        AwsClients clients = AwsClients.create(region, options.endpoint(), null);
        CliProgress progress = CliProgress.forTerminal(err, options.noProgress);
        FileJournal journal = new FileJournal(options.journalDir != null ? options.journalDir : FileJournal.defaultRoot(),
                Clock.systemUTC());
        ClusterSession session = new ClusterSession(clients, options.cluster, journal, new InProcessRoleLeases(), Clock.systemUTC(), Sleeper.REAL,
                options.endpoint() != null ? Duration.ofMillis(500) : Duration.ofSeconds(5), Backoff.standard(), progress);
        return new Engine(clients, session, progress, journal);
    }

    @Override
    public void close() {
        progress.close();
        session.close();
        clients.close();
    }
}
