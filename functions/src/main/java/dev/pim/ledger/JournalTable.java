package dev.pim.ledger;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB table the pipeline keeps its journal and plans in: string partition key {@code pk}, string
 * sort key {@code sk}, on-demand billing. The deployed stack creates it in CloudFormation; this creates it
 * for the local cloud and tests. What goes in it: {@link DynamoDbJournal} and {@link DynamoDbPlanStore}.
 */
public final class JournalTable {
    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    /** The environment variable the Lambda functions read the table name from. */
    public static final String TABLE_VARIABLE = "JOURNAL_TABLE";

    private JournalTable() {
    }

    /** Creates the table unless it exists, and waits until it is ACTIVE. */
    public static void create(DynamoDbClient dynamo, String table) {
        try {
            dynamo.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            a -> a.attributeName(PARTITION_KEY).attributeType(ScalarAttributeType.S),
                            a -> a.attributeName(SORT_KEY).attributeType(ScalarAttributeType.S))
                    .keySchema(
                            k -> k.attributeName(PARTITION_KEY).keyType(KeyType.HASH),
                            k -> k.attributeName(SORT_KEY).keyType(KeyType.RANGE)));
        } catch (ResourceInUseException e) {
            // Created before (or being created): waiting for ACTIVE below is all that is left.
        }
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(table)).matched().exception().ifPresent(e -> {
            throw new IllegalStateException("DynamoDB table " + table + " did not become ACTIVE: " + e.getMessage(), e);
        });
    }

    /** The table named by {@code JOURNAL_TABLE}. */
    public static String nameFromEnvironment() {
        String name = System.getenv(TABLE_VARIABLE);
        if (name == null || name.isBlank()) {
            throw new IllegalStateException(TABLE_VARIABLE + " is not set: it names the DynamoDB table of the journal");
        }
        return name;
    }
}
