package dev.pim.app;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.ledger.DynamoDbJournal;
import dev.pim.ledger.DynamoDbRoleLeases;
import dev.pim.ledger.FileJournal;
import dev.pim.ledger.InProcessRoleLeases;
import dev.pim.migration.apply.Progress;
import dev.pim.migration.apply.Sleeper;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.port.RoleLeases;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The engine of one CLI command: SDK clients, the journal (a local directory, or the pipeline's table with its
 * role leases) and the cluster's session; closing it closes them.
 */
public final class CommandEngine implements AutoCloseable {
    private final AwsClients clients;
    private final ClusterSession session;
    private final Journal journal;
    private final String journalLocation;

    private CommandEngine(AwsClients clients, ClusterSession session, Journal journal, String journalLocation) {
        this.clients = clients;
        this.session = session;
        this.journal = journal;
        this.journalLocation = journalLocation;
    }

    public static CommandEngine open(CommandSettings settings, Progress progress) {
        AwsClients clients = AwsClients.create(settings.region(), settings.endpoint(), null);
        Clock clock = Clock.systemUTC();
        Backoff backoff = Backoff.standard();
        Journal journal;
        RoleLeases leases;
        String location;
        if (settings.journalTable() != null) {
            journal = new DynamoDbJournal(clients.dynamoDb(), settings.journalTable(), backoff, clock);
            leases = new DynamoDbRoleLeases(clients.dynamoDb(), settings.journalTable(), backoff, clock);
            location = "table " + settings.journalTable();
        } else {
            FileJournal files = new FileJournal(settings.journalDir() != null ? settings.journalDir() : FileJournal.defaultRoot(),
                    clock);
            journal = files;
            leases = new InProcessRoleLeases();
            location = files.root().toString();
        }
        ClusterSession session = new ClusterSession(clients, settings.cluster(), journal, leases, clock, Sleeper.REAL,
                settings.endpoint() != null ? Duration.ofMillis(500) : Duration.ofSeconds(5), backoff, progress);
        return new CommandEngine(clients, session, journal, location);
    }

    public ClusterSession session() {
        return session;
    }

    public Journal journal() {
        return journal;
    }

    /** Where the journal is, for messages: a directory or {@code table <name>}. */
    public String journalLocation() {
        return journalLocation;
    }

    /** The SDK calls made so far, by operation. */
    public Map<String, Long> calls() {
        return clients.calls().snapshot();
    }

    @Override
    public void close() {
        session.close();
        clients.close();
    }
}
