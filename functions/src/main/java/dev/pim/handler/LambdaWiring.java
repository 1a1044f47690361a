package dev.pim.handler;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.aws.SqsQueue;
import dev.pim.fleet.Results;
import dev.pim.ledger.DynamoDbFleetLedger;
import dev.pim.ledger.DynamoDbJournal;
import dev.pim.ledger.DynamoDbPlanStore;
import dev.pim.ledger.DynamoDbRoleLeases;
import dev.pim.migration.apply.Sleeper;
import dev.pim.migration.port.RoleLeases;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.Lazy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the handlers' environment from what the Lambda runtime gives: {@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL} (unset on AWS), {@code JOURNAL_TABLE} and {@code DEFAULT_MAX_CONCURRENCY}; for an
 * in-process run the SDK's system properties and {@code pim.*} properties stand in for them.
 * {@code ROLE_LEASES=off} turns the per-role leases off (only the test that proves them needed does that).
 */
final class LambdaWiring {

    private LambdaWiring() {
    }

    static HandlerEnvironment fromEnvironment() {
        String region = HandlerEnvironment.setting("AWS_REGION", "aws.region");
        if (region == null) {
            throw new IllegalStateException("AWS_REGION is not set");
        }
        String table = HandlerEnvironment.setting("JOURNAL_TABLE", "pim.journalTable");
        if (table == null) {
            throw new IllegalStateException("JOURNAL_TABLE is not set: the name of the stack's journal table");
        }
        URI endpoint = AwsClients.endpointFromEnvironment().orElse(null);
        Backoff backoff = Backoff.standard();
        Clock clock = Clock.systemUTC();
        AwsClients home = AwsClients.create(region, endpoint, null);
        DynamoDbClient dynamo = home.dynamoDb();
        RoleLeases leases = "off".equalsIgnoreCase(HandlerEnvironment.setting("ROLE_LEASES", "pim.roleLeases"))
                ? RoleLeases.NONE : new DynamoDbRoleLeases(dynamo, table, backoff, clock);
        String concurrency = HandlerEnvironment.setting("DEFAULT_MAX_CONCURRENCY", "pim.defaultMaxConcurrency");
        // Against a local endpoint things settle in milliseconds; on AWS, in seconds.
        Duration poll = endpoint != null ? Duration.ofMillis(200) : Duration.ofSeconds(5);
        HandlerEnvironment.Ledger ledger = new HandlerEnvironment.Ledger(new DynamoDbJournal(dynamo, table, backoff, clock),
                new DynamoDbPlanStore(dynamo, table, backoff), leases, new DynamoDbFleetLedger(dynamo, table, backoff));
        String resultsQueue = HandlerEnvironment.setting("RESULTS_QUEUE_URL", "pim.resultsQueueUrl");
        // Only the Report state publishes: the SQS client is built when it does.
        Lazy<SqsQueue> queue = new Lazy<>(() -> new SqsQueue(home.sqs(), resultsQueue, backoff));
        Results results = resultsQueue == null ? Results.NONE : report -> queue.getValue().publish(report);
        HandlerEnvironment env = new HandlerEnvironment(region, endpoint, ledger, results, clock, Sleeper.REAL, poll, backoff,
                concurrency == null ? 4 : Integer.parseInt(concurrency));
        env.adopt(home);
        return env;
    }
}
