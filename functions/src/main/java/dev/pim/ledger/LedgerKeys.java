package dev.pim.ledger;

import dev.pim.migration.ClusterRef;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * The keys of the journal table's items. A run's items share its partition {@code RUN#<runId>} and are told
 * apart by their sort key's first word: {@code RUN}, {@code ENTRY#...} ({@link DynamoDbJournal}),
 * {@code PLAN#...}, {@code VERIFY...} ({@link DynamoDbPlanStore}); {@code LEASE#...} is kept for per-role leases.
 * A cluster's partition {@code CLUSTER#<account>#<region>#<name>} lists its runs.
 */
final class LedgerKeys {
    static final String RUN_ITEM = "RUN";
    static final String ENTRY_PREFIX = "ENTRY#";
    static final String PLAN_PREFIX = "PLAN#";
    static final String PLAN_HEAD = "PLAN#HEAD";
    static final String PLAN_BINDINGS = "PLAN#BINDINGS";
    static final String ROLE_PREFIX = "PLAN#ROLE#";
    static final String VERIFICATION = "VERIFY";
    /** Five digits: the width that keeps role items in plan order (and one role's key no prefix of another's). */
    static final int MAX_ROLES = 100_000;

    /** Fixed width, so that keys sort as times do (Instant.toString drops trailing zeros). */
    private static final DateTimeFormatter APPEND_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private LedgerKeys() {
    }

    static String run(String runId) {
        return "RUN#" + runId;
    }

    static String cluster(ClusterRef cluster) {
        return "CLUSTER#" + cluster.accountId() + "#" + cluster.region() + "#" + cluster.name();
    }

    /** The cluster partition's item for a run: run ids sort by start time, so the cluster's runs come oldest first. */
    static String clusterRun(String runId) {
        return "RUN#" + runId;
    }

    /**
     * An entry's sort key: when it was appended, then which journal appended it and that journal's count, so
     * that entries sort in append order, and entries of concurrent writers never collide.
     */
    static String entry(Instant appendedAt, String writer, long sequence) {
        return ENTRY_PREFIX + APPEND_TIME.format(appendedAt) + "#" + writer + "#" + String.format("%012d", sequence);
    }

    static String role(int index) {
        if (index < 0 || index >= MAX_ROLES) {
            throw new IllegalArgumentException("a role index is within 0.." + (MAX_ROLES - 1) + ", got " + index);
        }
        return ROLE_PREFIX + String.format("%05d", index);
    }

    /** The k-th continuation of a list whose first part is in the item {@code head} (k >= 1). */
    static String part(String head, int k) {
        return head + "#" + String.format("%05d", k);
    }

    static Map<String, AttributeValue> key(String partition, String sort) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(JournalTable.PARTITION_KEY, AttributeValue.fromS(partition));
        key.put(JournalTable.SORT_KEY, AttributeValue.fromS(sort));
        return key;
    }
}
