package dev.pim.cli;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.app.ClusterSession;
import dev.pim.ledger.DynamoDbJournal;
import dev.pim.ledger.DynamoDbRoleLeases;
import dev.pim.ledger.FileJournal;
import dev.pim.ledger.InProcessRoleLeases;
import dev.pim.migration.apply.Sleeper;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.port.RoleLeases;

import java.time.Clock;
import java.time.Duration;

/**
 * Wires the engine for one CLI command: SDK clients, the journal (a local directory, or the pipeline's table
 * with its role leases), progress output.
 */
final class Engine implements AutoCloseable {
    final AwsClients clients;
    final ClusterSession session;
    final CliProgress progress;
    final Journal journal;
    /** Where the journal is, for messages: a directory or {@code table <name>}. */
    final String journalLocation;

    private Engine(AwsClients clients, ClusterSession session, CliProgress progress, Journal journal, String journalLocation) {
        this.clients = clients;
        this.session = session;
        this.progress = progress;
        this.journal = journal;
        this.journalLocation = journalLocation;
    }

    static Engine open(ClusterOptions options, java.io.PrintWriter err) {
        String region = options.region();
        String table = options.journalTable();
        AwsClients clients = AwsClients.create(region, options.endpoint(), null);
        CliProgress progress = CliProgress.forTerminal(err, options.noProgress);
        Clock clock = Clock.systemUTC();
        Backoff backoff = Backoff.standard();
        Journal journal;
        RoleLeases leases;
        String location;
        if (table != null) {
            journal = new DynamoDbJournal(clients.dynamoDb(), table, backoff, clock);
            leases = new DynamoDbRoleLeases(clients.dynamoDb(), table, backoff, clock);
            location = "table " + table;
        } else {
            FileJournal files = new FileJournal(options.journalDir != null ? options.journalDir : FileJournal.defaultRoot(), clock);
            journal = files;
            leases = new InProcessRoleLeases();
            location = files.root().toString();
        }
        ClusterSession session = new ClusterSession(clients, options.cluster, journal, leases, clock, Sleeper.REAL,
                options.endpoint() != null ? Duration.ofMillis(500) : Duration.ofSeconds(5), backoff, progress);
        return new Engine(clients, session, progress, journal, location);
    }

    @Override
    public void close() {
        progress.close();
        session.close();
        clients.close();
    }
}
