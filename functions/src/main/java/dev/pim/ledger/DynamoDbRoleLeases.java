package dev.pim.ledger;

import dev.pim.aws.Backoff;
import dev.pim.migration.port.RoleLeases;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Per-role leases on the journal table: item {@code LEASE#<role ARN>} written with a condition (absent, or
 * expired), removed by its holder only (condition on its token). Every execution and every CLI pointed at the
 * table uses them, so edits of one role's trust policy never interleave; a crashed holder's lease expires
 * after {@link #TTL} (and DynamoDB's TTL on {@code expiresAt} sweeps the item later).
 */
public final class DynamoDbRoleLeases implements RoleLeases {
    /** Longer than any single trust edit, including its throttling retries. */
    static final Duration TTL = Duration.ofMinutes(3);
    private static final String LEASE_ITEM = "LEASE";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Backoff backoff;
    private final Clock clock;
    private final String holder = "pid-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);

    public DynamoDbRoleLeases(DynamoDbClient dynamo, String table, Backoff backoff, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public <T> T withLease(String roleArn, Duration wait, Supplier<T> edit) {
        String token = acquire(roleArn, wait);
        try {
            return edit.get();
        } finally {
            release(roleArn, token);
        }
    }

    private String acquire(String roleArn, Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        long pauseMillis = 25;
        while (true) {
            String token = UUID.randomUUID().toString();
            Instant now = clock.instant();
            Map<String, AttributeValue> item = new HashMap<>(key(roleArn));
            item.put("holder", AttributeValue.fromS(holder));
            item.put("token", AttributeValue.fromS(token));
            item.put("expiresAt", AttributeValue.fromN(Long.toString(now.plus(TTL).getEpochSecond())));
            try {
                backoff.run(() -> dynamo.putItem(r -> r.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(" + JournalTable.PARTITION_KEY + ") OR expiresAt < :now")
                        .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))));
                return token;
            } catch (ConditionalCheckFailedException e) {
                if (!clock.instant().isBefore(deadline)) {
                    throw new LeaseUnavailableException(roleArn, currentHolder(roleArn), wait);
                }
                sleep(ThreadLocalRandom.current().nextLong(pauseMillis / 2, pauseMillis + 1));
                pauseMillis = Math.min(1000, pauseMillis * 2);
            }
        }
    }

    private void release(String roleArn, String token) {
        try {
            backoff.run(() -> dynamo.deleteItem(r -> r.tableName(table).key(key(roleArn))
                    .conditionExpression("#token = :token")
                    .expressionAttributeNames(Map.of("#token", "token"))
                    .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(token)))));
        } catch (ConditionalCheckFailedException e) {
            // It expired and someone else holds it now: theirs to release.
        }
    }

    private String currentHolder(String roleArn) {
        Map<String, AttributeValue> item = backoff.call(() -> dynamo.getItem(r -> r.tableName(table).key(key(roleArn))
                .consistentRead(true)).item());
        return item == null || !item.containsKey("holder") ? "another holder" : item.get("holder").s();
    }

    private static Map<String, AttributeValue> key(String roleArn) {
        return LedgerKeys.key("LEASE#" + roleArn, LEASE_ITEM);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a role lease", e);
        }
    }
}
