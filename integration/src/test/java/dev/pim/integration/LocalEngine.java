package dev.pim.integration;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.app.ClusterSession;
import dev.pim.ledger.FileJournal;
import dev.pim.ledger.InProcessRoleLeases;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.apply.Progress;
import dev.pim.migration.apply.Sleeper;
import dev.pim.migration.plan.MigrationOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The engine wired to the local cloud, with short waits and backoffs so tests run fast. */
public final class LocalEngine implements AutoCloseable {
    /** An approved run with every cleanup: restarts, annotation and OIDC trust removal; short waits. */
    public static final MigrationOptions FULL_RUN = MigrationOptions.builder().approve(true).restartWorkloads(true)
            .restartBudget(4).removeIrsaAnnotation(true).removeOidcTrust(true).timeout(Duration.ofSeconds(30)).build();

    public final AwsClients clients;
    public final ClusterSession session;
    public final FileJournal journal;

    public LocalEngine(LocalCloudExtension cloud, String cluster, Path journalDir) {
        this(cloud, cluster, journalDir, "us-west-2");
    }

    public LocalEngine(LocalCloudExtension cloud, String cluster, Path journalDir, String region) {
        this(cloud.endpoint(), cluster, journalDir, region);
    }

    public LocalEngine(java.net.URI endpoint, String cluster, Path journalDir, String region) {
        this.clients = AwsClients.create(region, endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        this.journal = new FileJournal(journalDir, Clock.systemUTC());
        this.session = new ClusterSession(clients, cluster, journal, new InProcessRoleLeases(), Clock.systemUTC(), Sleeper.REAL, Duration.ofMillis(25),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), 8, Duration.ofSeconds(5)), Progress.NONE);
    }

    @Override
    public void close() {
        session.close();
        clients.close();
    }
}
