package dev.pim.integration.ledger;

import dev.pim.aws.Backoff;
import dev.pim.ledger.JournalTable;
import dev.pim.local.junit.LocalCloudExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;

/** The local cloud's DynamoDB for the ledger tests: an SDK client, the journal table, quick backoffs. */
final class LocalDynamoDb {
    static final String TABLE = "pim-journal";

    private LocalDynamoDb() {
    }

    /**
     * A client without SDK retries, so that throttling reaches the ledger's own {@link Backoff} (the deployed
     * functions keep the SDK's few quick retries in front of it).
     */
    static DynamoDbClient client(LocalCloudExtension cloud) {
        return DynamoDbClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A client with a journal table, created empty (the local cloud drops every table when reset). */
    static DynamoDbClient withJournalTable(LocalCloudExtension cloud) {
        DynamoDbClient dynamo = client(cloud);
        JournalTable.create(dynamo, TABLE);
        return dynamo;
    }

    static Backoff quickBackoff() {
        return new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 30, Duration.ofSeconds(5));
    }
}
