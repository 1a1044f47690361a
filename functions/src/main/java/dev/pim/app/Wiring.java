package dev.pim.app;

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

import java.time.Clock;
import java.time.Duration;

/** Builds an execution environment from its settings: the ledger on DynamoDB, the results on SQS. */
public final class Wiring {

    private Wiring() {
    }

    public static ExecutionEnvironment environment(FunctionSettings settings) {
        Backoff backoff = Backoff.standard();
        Clock clock = Clock.systemUTC();
        AwsClients home = AwsClients.create(settings.region(), settings.endpoint(), null);
        DynamoDbClient dynamo = home.dynamoDb();
        String table = settings.journalTable();
        RoleLeases leases = settings.roleLeases() ? new DynamoDbRoleLeases(dynamo, table, backoff, clock) : RoleLeases.NONE;
        // Against a local endpoint things settle in milliseconds; on AWS, in seconds.
        Duration poll = settings.endpoint() != null ? Duration.ofMillis(200) : Duration.ofSeconds(5);
        ExecutionEnvironment.Ledger ledger = new ExecutionEnvironment.Ledger(new DynamoDbJournal(dynamo, table, backoff, clock),
                new DynamoDbPlanStore(dynamo, table, backoff), leases, new DynamoDbFleetLedger(dynamo, table, backoff));
        String resultsQueue = settings.resultsQueueUrl();
        // Only the Report state publishes: the SQS client is built when it does.
        Lazy<SqsQueue> queue = new Lazy<>(() -> new SqsQueue(home.sqs(), resultsQueue, backoff));
        Results results = resultsQueue == null ? Results.NONE : report -> queue.getValue().publish(report);
        ExecutionEnvironment env = new ExecutionEnvironment(settings, ledger, results, clock, Sleeper.REAL, poll, backoff);
        env.adopt(home);
        return env;
    }
}
