package dev.pim.ledger;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.journal.RunRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A {@link RunRecord} as the journal table's items hold it (see {@link DynamoDbJournal}). */
final class RunItems {

    private RunItems() {
    }

    static Map<String, AttributeValue> run(RunRecord run) {
        Map<String, AttributeValue> item = new HashMap<>(LedgerKeys.key(LedgerKeys.run(run.runId()), LedgerKeys.RUN_ITEM));
        item.put("runId", AttributeValue.fromS(run.runId()));
        item.put("accountId", AttributeValue.fromS(run.cluster().accountId()));
        item.put("region", AttributeValue.fromS(run.cluster().region()));
        item.put("clusterName", AttributeValue.fromS(run.cluster().name()));
        item.put("startedAt", AttributeValue.fromS(run.startedAt().toString()));
        item.put("options", AttributeValue.fromM(run.options().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> AttributeValue.fromS(e.getValue())))));
        item.put("status", AttributeValue.fromS(run.status()));
        return item;
    }

    static Map<String, AttributeValue> clusterIndex(RunRecord run) {
        Map<String, AttributeValue> item = new HashMap<>(
                LedgerKeys.key(LedgerKeys.cluster(run.cluster()), LedgerKeys.clusterRun(run.runId())));
        item.put("runId", AttributeValue.fromS(run.runId()));
        return item;
    }

    static RunRecord toRun(Map<String, AttributeValue> item) {
        ClusterRef cluster = new ClusterRef(item.get("accountId").s(), item.get("region").s(), item.get("clusterName").s());
        Map<String, String> options = item.get("options").m().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()));
        return new RunRecord(item.get("runId").s(), cluster, Instant.parse(item.get("startedAt").s()), options,
                item.get("status").s());
    }
}
