package dev.pim.ledger;

import dev.pim.aws.Backoff;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The calls the ledger makes on its table, each one retried through {@link Backoff} when throttled and failing
 * with a {@link LedgerStoreException} that names the table and what was being done. Reads are strongly
 * consistent: a step reads what the previous step wrote.
 */
final class LedgerTable {
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int BATCH_GET_LIMIT = 100;
    private static final int UNPROCESSED_ATTEMPTS = 10;
    private static final String ITEM_IS_NEW = "attribute_not_exists(" + JournalTable.PARTITION_KEY + ")";
    private static final String ITEM_EXISTS = "attribute_exists(" + JournalTable.PARTITION_KEY + ")";

    private final DynamoDbClient dynamo;
    private final String name;
    private final Backoff backoff;

    LedgerTable(DynamoDbClient dynamo, String name, Backoff backoff) {
        this.dynamo = dynamo;
        this.name = name;
        this.backoff = backoff;
    }

    String name() {
        return name;
    }

    void put(Map<String, AttributeValue> item, String doing) {
        call(doing, () -> dynamo.putItem(r -> r.tableName(name).item(item)));
    }

    /** Puts every item, or none if any of them exists already; false in that case. */
    boolean putAllIfNew(List<Map<String, AttributeValue>> items, String doing) {
        List<TransactWriteItem> puts = items.stream()
                .map(item -> TransactWriteItem.builder().put(p -> p.tableName(name).item(item)
                        .conditionExpression(ITEM_IS_NEW)).build())
                .toList();
        try {
            call(doing, () -> dynamo.transactWriteItems(r -> r.transactItems(puts)));
            return true;
        } catch (LedgerStoreException e) {
            if (e.getCause() instanceof TransactionCanceledException canceled && canceled.cancellationReasons().stream()
                    .map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals)) {
                return false;
            }
            throw e;
        }
    }

    /** Applies an update to an existing item; false when there is no such item. */
    boolean updateIfExists(Map<String, AttributeValue> key, String update, Map<String, String> names,
                           Map<String, AttributeValue> values, String doing) {
        try {
            call(doing, () -> dynamo.updateItem(r -> r.tableName(name).key(key).updateExpression(update)
                    .conditionExpression(ITEM_EXISTS).expressionAttributeNames(names).expressionAttributeValues(values)));
            return true;
        } catch (LedgerStoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, String doing) {
        Map<String, AttributeValue> item = call(doing,
                () -> dynamo.getItem(r -> r.tableName(name).key(key).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** The items of a partition whose sort key starts with a prefix, in sort-key order. */
    List<Map<String, AttributeValue>> query(String partition, String sortKeyPrefix, String doing) {
        if (sortKeyPrefix.isEmpty()) {
            // begins_with refuses an empty prefix: the whole partition is a plain key condition.
            return call(doing, () -> dynamo.queryPaginator(r -> r.tableName(name).consistentRead(true)
                            .keyConditionExpression("#pk = :pk")
                            .expressionAttributeNames(Map.of("#pk", JournalTable.PARTITION_KEY))
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition))))
                    .items().stream().toList());
        }
        return call(doing, () -> dynamo.queryPaginator(r -> r.tableName(name).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", JournalTable.PARTITION_KEY, "#sk", JournalTable.SORT_KEY))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition),
                                ":prefix", AttributeValue.fromS(sortKeyPrefix))))
                .items().stream().toList());
    }

    /** The items that exist among the keys, in no particular order. */
    List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys, String doing) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            Map<String, KeysAndAttributes> pending = Map.of(name, KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> request = pending;
                var response = call(doing, () -> dynamo.batchGetItem(r -> r.requestItems(request)));
                out.addAll(response.responses().getOrDefault(name, List.of()));
                pending = response.unprocessedKeys();
                pauseBeforeRetry(attempt, pending.isEmpty(), doing);
            }
        }
        return out;
    }

    /** Puts the items, in batches; DynamoDB may leave some of a batch unprocessed, which are sent again. */
    void putAll(List<Map<String, AttributeValue>> items, String doing) {
        for (int from = 0; from < items.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + BATCH_WRITE_LIMIT)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(name, batch);
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                Map<String, List<WriteRequest>> request = pending;
                pending = call(doing, () -> dynamo.batchWriteItem(r -> r.requestItems(request))).unprocessedItems();
                pauseBeforeRetry(attempt, pending.isEmpty(), doing);
            }
        }
    }

    private void pauseBeforeRetry(int attempt, boolean done, String doing) {
        if (done) {
            return;
        }
        if (attempt >= UNPROCESSED_ATTEMPTS) {
            throw new LedgerStoreException("cannot " + doing + " in DynamoDB table " + name
                    + ": items still unprocessed after " + attempt + " attempts", null);
        }
        try {
            Thread.sleep(Duration.ofMillis(50L << Math.min(attempt, 6)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerStoreException("interrupted while trying to " + doing + " in DynamoDB table " + name, e);
        }
    }

    private <T> T call(String doing, Supplier<T> call) {
        try {
            return backoff.call(call);
        } catch (SdkException e) {
            throw new LedgerStoreException("cannot " + doing + " in DynamoDB table " + name + ": " + e.getMessage(), e);
        }
    }
}
