package dev.pim.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pim.aws.Backoff;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.journal.RunRecord;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline's journal, in the DynamoDB table named by {@code JOURNAL_TABLE} ({@link JournalTable}): what
 * {@link FileJournal} keeps in a directory, for Lambda functions that run concurrently and keep nothing.
 *
 * <table>
 * <caption>Items (string attributes unless said)</caption>
 * <tr><th>pk</th><th>sk</th><th>attributes</th></tr>
 * <tr><td>{@code RUN#<runId>}</td><td>{@code RUN}</td><td>runId, accountId, region, clusterName, startedAt
 *     (ISO-8601), options (map of strings), status</td></tr>
 * <tr><td>{@code CLUSTER#<account>#<region>#<name>}</td><td>{@code RUN#<runId>}</td><td>runId: the cluster's
 *     runs, in run-id (start time) order</td></tr>
 * <tr><td>{@code RUN#<runId>}</td><td>{@code ENTRY#<append time>#<writer>#<sequence>}</td><td>type, entry (the
 *     {@link JournalEntry} as JSON)</td></tr>
 * </table>
 *
 * <p>A run and its cluster item are written in one transaction, on condition that neither exists. An entry's
 * sort key starts with when it was appended (fixed-width UTC time to the nanosecond, never earlier than this
 * journal's previous append), then a random name of this journal object and its count of appends: entries come
 * back in append order, and concurrent Lambdas never overwrite each other's. {@link #append} returns once
 * DynamoDB acknowledged the write, which is what durable means here. Throttled calls are retried through
 * {@link Backoff}; other failures are {@link LedgerStoreException}s naming the table and the run.
 */
public final class DynamoDbJournal implements Journal {
    private static final int START_ATTEMPTS = 3;

    private final LedgerTable table;
    private final Clock clock;
    private final RunIds runIds;
    private final String writer;
    private final Set<String> knownRuns = ConcurrentHashMap.newKeySet();
    private long appended;
    private Instant lastAppend = Instant.EPOCH;

    public DynamoDbJournal(DynamoDbClient dynamo, String table, Backoff backoff, Clock clock) {
        this(dynamo, table, backoff, clock, new RunIds());
    }

    public DynamoDbJournal(DynamoDbClient dynamo, String table, Backoff backoff, Clock clock, RunIds runIds) {
        this.table = new LedgerTable(dynamo, table, backoff);
        this.clock = clock;
        this.runIds = runIds;
        this.writer = new RunIds().randomText(8);
    }

    /** Starts a run under a new id; should the id exist (two runs started in the same second), draws another. */
    @Override
    public RunRecord startRun(ClusterRef cluster, Map<String, String> options) {
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Instant startedAt = clock.instant();
            RunRecord run = new RunRecord(runIds.next(startedAt), cluster, startedAt, Map.copyOf(options), "running");
            if (table.putAllIfNew(List.of(RunItems.run(run), RunItems.clusterIndex(run)), "start run " + run.runId())) {
                knownRuns.add(run.runId());
                return run;
            }
        }
        throw new IllegalStateException("cannot start a run of " + cluster + " in DynamoDB table " + table.name()
                + ": " + START_ATTEMPTS + " new run ids in a row were taken");
    }

    @Override
    public Optional<RunRecord> run(String runId) {
        if (!RunIds.plausible(runId)) {
            return Optional.empty();
        }
        return table.get(LedgerKeys.key(LedgerKeys.run(runId), LedgerKeys.RUN_ITEM), "read run " + runId)
                .map(RunItems::toRun);
    }

    @Override
    public List<RunRecord> runs(ClusterRef cluster) {
        String doing = "list the runs of " + cluster;
        List<Map<String, AttributeValue>> keys = table.query(LedgerKeys.cluster(cluster), LedgerKeys.clusterRun(""), doing)
                .stream()
                .map(item -> LedgerKeys.key(LedgerKeys.run(item.get("runId").s()), LedgerKeys.RUN_ITEM))
                .toList();
        return table.getAll(keys, doing).stream()
                .map(RunItems::toRun)
                .sorted(RunRecord.START_ORDER)
                .toList();
    }

    @Override
    public void append(String runId, JournalEntry entry) {
        requireRun(runId, "append to");
        String json = toJson(entry, runId);
        Map<String, AttributeValue> item = new HashMap<>(LedgerKeys.key(LedgerKeys.run(runId), nextEntryKey()));
        item.put("type", AttributeValue.fromS(entry.getClass().getSimpleName()));
        item.put("entry", AttributeValue.fromS(json));
        table.put(item, "append a " + entry.getClass().getSimpleName() + " entry to run " + runId);
    }

    /** In BatchWriteItem calls of 25 items, each entry under its own key as {@link #append} writes it. */
    @Override
    public void appendAll(String runId, List<JournalEntry> entries) {
        requireRun(runId, "append to");
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (JournalEntry entry : entries) {
            Map<String, AttributeValue> item = new HashMap<>(LedgerKeys.key(LedgerKeys.run(runId), nextEntryKey()));
            item.put("type", AttributeValue.fromS(entry.getClass().getSimpleName()));
            item.put("entry", AttributeValue.fromS(toJson(entry, runId)));
            items.add(item);
        }
        table.putAll(items, "append " + entries.size() + " entries to run " + runId);
    }

    @Override
    public List<JournalEntry> entries(String runId) {
        requireRun(runId, "read the entries of");
        return table.query(LedgerKeys.run(runId), LedgerKeys.ENTRY_PREFIX, "read the entries of run " + runId).stream()
                .map(item -> fromJson(item.get("entry").s(), runId))
                .toList();
    }

    @Override
    public void finishRun(String runId, String status) {
        boolean updated = RunIds.plausible(runId) && table.updateIfExists(
                LedgerKeys.key(LedgerKeys.run(runId), LedgerKeys.RUN_ITEM), "SET #status = :status",
                Map.of("#status", "status"), Map.of(":status", AttributeValue.fromS(status)),
                "finish run " + runId);
        if (!updated) {
            throw noSuchRun(runId);
        }
    }

    private synchronized String nextEntryKey() {
        Instant now = clock.instant();
        lastAppend = now.isAfter(lastAppend) ? now : lastAppend;
        return LedgerKeys.entry(lastAppend, writer, ++appended);
    }

    /** A run once seen stays: journals never delete runs, so each run is looked up once per journal object. */
    private void requireRun(String runId, String doing) {
        if (knownRuns.contains(runId)) {
            return;
        }
        if (!RunIds.plausible(runId) || table.get(LedgerKeys.key(LedgerKeys.run(runId), LedgerKeys.RUN_ITEM),
                doing + " run " + runId).isEmpty()) {
            throw noSuchRun(runId);
        }
        knownRuns.add(runId);
    }

    private IllegalArgumentException noSuchRun(String runId) {
        return new IllegalArgumentException("no run '" + runId + "' in the journal in DynamoDB table " + table.name());
    }

    private String toJson(JournalEntry entry, String runId) {
        try {
            return LedgerJson.MAPPER.writerFor(JournalEntry.class).writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a journal entry of run " + runId + ": " + entry, e);
        }
    }

    private JournalEntry fromJson(String json, String runId) {
        try {
            return LedgerJson.MAPPER.readValue(json, JournalEntry.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read an entry of run " + runId + " in DynamoDB table "
                    + table.name() + ": not a journal record (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "): " + json, e);
        }
    }
}
