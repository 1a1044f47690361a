package dev.pim.integration.ledger;

import dev.pim.ledger.DynamoDbJournal;
import dev.pim.ledger.LedgerStoreException;
import dev.pim.ledger.RunIds;
import dev.pim.local.fault.ErrorRule;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.fake.SteppingClock;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.journal.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.pim.integration.ledger.JournalContract.DEMO;
import static dev.pim.integration.ledger.JournalContract.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the DynamoDB journal has to get right: concurrent writers, conditional writes, throttling, errors. */
class DynamoDbJournalTest {

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private DynamoDbClient dynamo;

    @BeforeEach
    void createTable() {
        dynamo = LocalDynamoDb.withJournalTable(cloud);
    }

    @AfterEach
    void closeClient() {
        dynamo.close();
    }

    @Test
    void startingARunNeverOverwritesAnotherWithTheSameId() {
        SteppingClock clock = new SteppingClock(START);
        DynamoDbJournal first = journal(clock, new RunIds(new Random(7)));
        DynamoDbJournal sameDraws = journal(clock, new RunIds(new Random(7)));
        RunRecord original = first.startRun(DEMO, Map.of("approve", "true"));
        first.append(original.runId(), new JournalEntry.Outcome(START, "trust", "a", "done", null));

        RunRecord started = sameDraws.startRun(DEMO, Map.of("approve", "false"));

        assertThat(started.runId()).isNotEqualTo(original.runId());
        assertThat(cloud.counters().count("dynamodb:TransactWriteItems")).as("the refused start, then the retry")
                .isEqualTo(3);
        assertThat(first.run(original.runId())).contains(original);
        assertThat(first.entries(original.runId())).hasSize(1);
        assertThat(first.runs(DEMO)).containsExactlyInAnyOrder(original, started);
    }

    @Test
    void concurrentWritersLoseNoEntryAndKeepEachOnesOrder() throws Exception {
        RunRecord run = journal(Clock.systemUTC(), new RunIds()).startRun(DEMO, Map.of());
        ExecutorService lambdas = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "worker-" + w;
                DynamoDbJournal journal = journal(Clock.systemUTC(), new RunIds());
                writers.add(lambdas.submit(() -> IntStream.range(0, 25).forEach(i -> journal.append(run.runId(),
                        new JournalEntry.Outcome(START, "association", worker, "done", Integer.toString(i))))));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            lambdas.shutdownNow();
        }

        List<JournalEntry.Outcome> entries = journal(Clock.systemUTC(), new RunIds()).entries(run.runId()).stream()
                .map(JournalEntry.Outcome.class::cast).toList();
        assertThat(entries).hasSize(100);
        for (int w = 0; w < 4; w++) {
            String worker = "worker-" + w;
            assertThat(entries).filteredOn(e -> e.subject().equals(worker)).extracting(JournalEntry.Outcome::detail)
                    .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(Integer::toString).toList());
        }
    }

    @Test
    void throttledWritesAreRetriedUntilTheyLand() {
        DynamoDbJournal journal = journal(Clock.systemUTC(), new RunIds());
        RunRecord run = journal.startRun(DEMO, Map.of());
        cloud.faults().rateLimit("dynamodb:write", 40, 1);

        JournalContract.everyKindOfEntry().forEach(entry -> journal.append(run.runId(), entry));

        assertThat(cloud.faults().throttledCalls()).isPositive();
        assertThat(journal.entries(run.runId())).containsExactlyElementsOf(JournalContract.everyKindOfEntry());
    }

    @Test
    void aRefusedWriteNamesTheTableAndTheRun() {
        DynamoDbJournal journal = journal(Clock.systemUTC(), new RunIds());
        RunRecord run = journal.startRun(DEMO, Map.of());
        cloud.faults().error(ErrorRule.onCall("dynamodb:PutItem", 1)
                .answering("ValidationException", 400, "Item size has exceeded the maximum allowed size"));

        assertThatThrownBy(() -> journal.append(run.runId(), new JournalEntry.Outcome(START, "trust", "a", "done", null)))
                .isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining(LocalDynamoDb.TABLE)
                .hasMessageContaining(run.runId())
                .hasMessageContaining("Item size has exceeded");
    }

    @Test
    void aMissingTableIsNamed() {
        DynamoDbJournal journal = new DynamoDbJournal(dynamo, "no-such-table", LocalDynamoDb.quickBackoff(),
                Clock.systemUTC());

        assertThatThrownBy(() -> journal.startRun(DEMO, Map.of()))
                .isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining("no-such-table")
                .hasMessageContaining("start run");
    }

    @Test
    void runsAndEntriesAreItemsAnOperatorCanRead() {
        DynamoDbJournal journal = journal(new SteppingClock(START), new RunIds());
        RunRecord run = journal.startRun(DEMO, Map.of("approve", "true"));
        journal.append(run.runId(), new JournalEntry.AgentInstalled(START, "eks-pod-identity-agent", "v1.3.4-eksbuild.1"));

        Map<String, AttributeValue> runItem = dynamo.getItem(r -> r.tableName(LocalDynamoDb.TABLE)
                .key(Map.of("pk", AttributeValue.fromS("RUN#" + run.runId()), "sk", AttributeValue.fromS("RUN")))).item();
        List<Map<String, AttributeValue>> partition = dynamo.query(r -> r.tableName(LocalDynamoDb.TABLE)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("RUN#" + run.runId())))).items();

        assertThat(runItem.get("clusterName").s()).isEqualTo("demo");
        assertThat(runItem.get("status").s()).isEqualTo("running");
        assertThat(runItem.get("options").m().get("approve").s()).isEqualTo("true");
        assertThat(partition).extracting(i -> i.get("sk").s()).satisfiesExactly(
                entry -> assertThat(entry).startsWith("ENTRY#20261122T220501.123456789Z#"),
                runRecord -> assertThat(runRecord).isEqualTo("RUN"));
        assertThat(partition.get(0).get("type").s()).isEqualTo("AgentInstalled");
        assertThat(partition.get(0).get("entry").s()).contains("\"type\":\"AgentInstalled\"", "v1.3.4-eksbuild.1");
    }

    private DynamoDbJournal journal(Clock clock, RunIds runIds) {
        return new DynamoDbJournal(dynamo, LocalDynamoDb.TABLE, LocalDynamoDb.quickBackoff(), clock, runIds);
    }
}
