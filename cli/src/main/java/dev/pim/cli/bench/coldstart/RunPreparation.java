package dev.pim.cli.bench.coldstart;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.app.ClusterSession;
import dev.pim.ledger.DynamoDbJournal;
import dev.pim.ledger.DynamoDbPlanStore;
import dev.pim.ledger.DynamoDbRoleLeases;
import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.Progress;
import dev.pim.migration.apply.Sleeper;
import dev.pim.migration.plan.MigrationPlan;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Applies a planned run with the engine, in this JVM, before the pipeline's later steps are measured: each of
 * their cold starts then answers its sample event at once (a step re-run is a no-op, every step being
 * idempotent) instead of waiting for an agent, IAM or a rollout that an earlier step would have settled.
 */
final class RunPreparation {

    private RunPreparation() {
    }

    static void apply(URI endpoint, String cluster, String runId) {
        Clock clock = Clock.systemUTC();
        Backoff backoff = Backoff.standard();
        try (AwsClients clients = AwsClients.create(ColdStarts.REGION, endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))) {
            var dynamo = clients.dynamoDb();
            MigrationPlan plan = new DynamoDbPlanStore(dynamo, ColdStarts.TABLE, backoff).plan(runId);
            try (ClusterSession session = new ClusterSession(clients, cluster,
                    new DynamoDbJournal(dynamo, ColdStarts.TABLE, backoff, clock),
                    new DynamoDbRoleLeases(dynamo, ColdStarts.TABLE, backoff, clock), clock, Sleeper.REAL,
                    Duration.ofMillis(100), backoff, Progress.NONE)) {
                MigrationReport report = session.migrate(plan);
                if (!report.failures().isEmpty()) {
                    throw new IllegalStateException("the run " + runId + " the cold starts use did not apply: " + report.failures());
                }
            }
        }
    }
}
