package dev.pim.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pim.local.stepfunctions.engine.EngineOptions;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.HistoryEvent;
import dev.pim.local.stepfunctions.engine.Quotas;
import dev.pim.local.stepfunctions.task.TaskCall;
import dev.pim.local.stepfunctions.task.TaskInvoker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pim.local.stepfunctions.Machines.eventTypes;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Step Functions' hard quotas, as the engine enforces them: history events, payload sizes, Map concurrency. */
class QuotasTest {
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private static final int KIB_256 = 262_144;

    private static EngineOptions quotas(Quotas quotas) {
        return EngineOptions.defaults().withQuotas(quotas);
    }

    private static String items(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append(i);
        }
        return json.append(']').toString();
    }

    /** A string of {@code bytes} ASCII characters, as a JSON document of bytes + 2. */
    private static JsonNode text(int bytes) {
        return TextNode.valueOf("x".repeat(bytes));
    }

    @Test
    void anInlineMapPast25000EventsFailsTheExecutionAtEvent25000() {
        // Four events per iteration (MapIterationStarted, PassStateEntered, PassStateExited, MapIterationSucceeded).
        String definition = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""";
        ExecutionRun run = run(definition, items(7_000), TaskInvoker.NONE);

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.Runtime");
        assertThat(run.cause()).isEqualTo("The execution reached the maximum number of history events (25000).");
        List<HistoryEvent> history = run.history();
        assertThat(history).hasSize(25_000);
        assertThat(run.eventCount()).isEqualTo(25_000);
        HistoryEvent last = history.get(24_999);
        assertThat(last.id()).isEqualTo(25_000);
        assertThat(last.type()).isEqualTo("ExecutionFailed");
        assertThat(last.details().get("cause").asText()).isEqualTo(run.cause());
    }

    @Test
    void theLastAllowedEventMayBeExecutionSucceeded() {
        // ExecutionStarted, two Pass states of two events each, ExecutionSucceeded: six events.
        String definition = """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}""";
        ExecutionRun exact = run(definition, "{}", TaskInvoker.NONE, quotas(Quotas.aws().withMaxHistoryEvents(6)));
        assertThat(exact.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(exact.eventCount()).isEqualTo(6);

        ExecutionRun over = run(definition, "{}", TaskInvoker.NONE, quotas(Quotas.aws().withMaxHistoryEvents(5)));
        assertThat(over.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(over.cause()).isEqualTo("The execution reached the maximum number of history events (5).");
        assertThat(eventTypes(over)).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited",
                "PassStateEntered", "ExecutionFailed");
    }

    @Test
    void aTaskResultOver256KiBFailsWithDataLimitExceededThatNeitherRetryNorStatesAllCatches() {
        AtomicInteger calls = new AtomicInteger();
        TaskInvoker large = call -> {
            calls.incrementAndGet();
            return text(KIB_256);
        };
        String definition = """
                {"StartAt": "Big", "States": {
                  "Big": {"Type": "Task", "Resource": "%s", "End": true,
                    "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]},
                  "Handled": {"Type": "Pass", "End": true}}}""".formatted(FUNCTION);
        ExecutionRun run = run(definition, "{}", large);

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(run.cause()).isEqualTo(
                "The state/task 'Big' returned a result with a size exceeding the maximum number of bytes service limit.");
        assertThat(calls).hasValue(1);
        assertThat(eventTypes(run)).doesNotContain("PassStateEntered").endsWith("LambdaFunctionFailed", "ExecutionFailed");
    }

    @Test
    void aResultJustUnder256KiBPasses() {
        // A JSON string of 262,142 characters and its two quotes: 262,144 bytes exactly.
        ExecutionRun run = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(FUNCTION),
                "{}", call -> text(KIB_256 - 2));
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.largestPayloadBytes()).isEqualTo(KIB_256);
    }

    @Test
    void payloadsAreMeasuredInUtf8Bytes() {
        // "é" is two bytes of UTF-8: 131,071 of them and the quotes make 262,144 bytes, one more is over.
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(FUNCTION);
        ExecutionRun fits = run(definition, "{}", call -> TextNode.valueOf("é".repeat(131_071)));
        assertThat(fits.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(fits.largestPayloadBytes()).isEqualTo(KIB_256);
        ExecutionRun over = run(definition, "{}", call -> TextNode.valueOf("é".repeat(131_072)));
        assertThat(over.error()).isEqualTo("States.DataLimitExceeded");
    }

    @Test
    void aStateOutputOverTheLimitFailsThoughItsResultFits() {
        // The result alone fits; placed next to the input by ResultPath, the output does not.
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "ResultPath": "$.copy", "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]},
                  "Handled": {"Type": "Pass", "End": true}}}""".formatted(FUNCTION);
        String input = "{\"data\": \"" + "y".repeat(100) + "\"}";
        ExecutionRun run = run(definition, input, call -> text(150),
                quotas(Quotas.aws().withMaxPayloadBytes(200)));
        assertThat(run.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(run.cause()).startsWith("The state/task 'T' returned a result with a size exceeding");
        assertThat(eventTypes(run)).contains("LambdaFunctionSucceeded").doesNotContain("TaskStateExited", "PassStateEntered");
    }

    @Test
    void anInputOverTheLimitAfterParametersFailsTheState() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"a.$": "$", "b.$": "$"}, "End": true}}}""";
        ExecutionRun run = run(definition, "{\"s\": \"" + "z".repeat(80) + "\"}", TaskInvoker.NONE,
                quotas(Quotas.aws().withMaxPayloadBytes(150)));
        assertThat(run.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(run.cause()).isEqualTo(
                "The state/task 'P' has an input with a size exceeding the maximum number of bytes service limit.");
    }

    @Test
    void anExecutionInputOverTheLimitFails() {
        ExecutionRun run = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""", "\"" + "a".repeat(100) + "\"",
                TaskInvoker.NONE, quotas(Quotas.aws().withMaxPayloadBytes(50)));
        assertThat(run.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(eventTypes(run)).containsExactly("ExecutionStarted", "ExecutionFailed");
    }

    @Test
    void inlineMapRunsAtMost40IterationsAtOnceWhateverMaxConcurrencySays() {
        String definition = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": %d, "End": true,
                  "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""";
        for (int maxConcurrency : new int[]{0, 100, 1000}) {
            FillUp probe = new FillUp(40);
            ExecutionRun run = run(definition.formatted(maxConcurrency, FUNCTION), items(200), probe);
            assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(probe.highest).as("MaxConcurrency %d", maxConcurrency).hasValue(40);
            assertThat(probe.threads).as("MaxConcurrency %d", maxConcurrency).hasSize(40);
        }
    }

    @Test
    void aDistributedMapRunsAtMostItsQuotaOfChildrenAtOnce() {
        // AWS's quota is 10,000 children at once; a quota of 6 shows the same rule with few threads.
        String definition = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": %d, "End": true, "ResultSelector": {},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""";
        for (int maxConcurrency : new int[]{0, 50}) {
            FillUp probe = new FillUp(6);
            ExecutionRun run = run(definition.formatted(maxConcurrency, FUNCTION), items(60), probe,
                    quotas(Quotas.aws().withMaxDistributedConcurrency(6)));
            assertThat(run.status()).as(run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(probe.highest).as("MaxConcurrency %d", maxConcurrency).hasValue(6);
            assertThat(probe.threads).as("MaxConcurrency %d", maxConcurrency).hasSize(6);
        }
    }

    /**
     * Holds every call until {@code fill} calls run at once, then lets all through; notes the most that ran at once
     * (so {@code fill} did run together) and the threads that called: each iteration runs on the thread of one of
     * the Map's workers, one worker per iteration allowed at once, and every worker takes an item at the start.
     */
    private static final class FillUp implements TaskInvoker {
        final AtomicInteger highest = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        private final AtomicInteger running = new AtomicInteger();
        private final CountDownLatch full;

        FillUp(int fill) {
            full = new CountDownLatch(fill);
        }

        @Override
        public JsonNode invoke(TaskCall call) {
            highest.accumulateAndGet(running.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread().getName());
            full.countDown();
            try {
                full.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return call.parameters();
        }
    }
}
