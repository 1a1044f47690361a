package dev.pim.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.asl.DefinitionParser;
import dev.pim.local.stepfunctions.engine.EngineOptions;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionSpec;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.HistoryEvent;
import dev.pim.local.stepfunctions.engine.StatesEngine;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.task.TaskInvoker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RetryAndCatchTest {
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:flaky";

    /** A task that fails with the given errors in turn, then succeeds with the call count. */
    private static TaskInvoker failing(String... errors) {
        Queue<String> queue = new ConcurrentLinkedQueue<>(List.of(errors));
        AtomicInteger calls = new AtomicInteger();
        return call -> {
            calls.incrementAndGet();
            String error = queue.poll();
            if (error != null) {
                throw new StatesError(error, "failure number " + calls.get());
            }
            return Json.object().put("calls", calls.get()).put("retryCount", call.parameters().path("retry").asInt(-1));
        };
    }

    /** A Task with the given Retry and Catch; catchers lead to a Pass state named Recover. */
    private static String task(String retry, String catchers) {
        String recover = catchers.equals("[]") ? "" : ", \"Recover\": {\"Type\": \"Pass\", \"End\": true}";
        return """
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "%s", "Parameters": {"retry.$": "$$.State.RetryCount"},
                        "Retry": %s, "Catch": %s, "End": true}%s}}""".formatted(FUNCTION, retry, catchers, recover);
    }

    /** Virtual seconds between each failure and the next attempt. */
    private static List<Double> retryDelays(ExecutionRun run) {
        List<Double> delays = new ArrayList<>();
        HistoryEvent failed = null;
        for (HistoryEvent event : run.history()) {
            if (event.type().equals("LambdaFunctionFailed")) {
                failed = event;
            } else if (event.type().equals("LambdaFunctionScheduled") && failed != null) {
                delays.add(Duration.between(failed.timestamp(), event.timestamp()).toMillis() / 1000.0);
                failed = null;
            }
        }
        return delays;
    }

    @Test
    void backsOffExponentiallyOnTheVirtualClock() {
        String definition = task("[{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\": 2, \"BackoffRate\": 2, \"MaxAttempts\": 3}]", "[]");
        ExecutionRun run = run(definition, "{}", failing("Flaky", "Flaky", "Flaky"));
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.output().get("calls").asInt()).isEqualTo(4);
        List<Double> delays = retryDelays(run);
        assertThat(delays).hasSize(3);
        assertThat(delays.get(0)).isCloseTo(2, within(0.5));
        assertThat(delays.get(1)).isCloseTo(4, within(0.5));
        assertThat(delays.get(2)).isCloseTo(8, within(0.5));
    }

    @Test
    void failsOnceMaxAttemptsAreSpent() {
        String definition = task("[{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\": 1, \"MaxAttempts\": 2}]", "[]");
        ExecutionRun run = run(definition, "{}", failing("Flaky", "Flaky", "Flaky"));
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("Flaky");
        assertThat(run.cause()).isEqualTo("failure number 3");
    }

    @Test
    void capsDelaysAtMaxDelaySeconds() {
        String definition = task("[{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\": 10, \"BackoffRate\": 3,"
                + " \"MaxAttempts\": 4, \"MaxDelaySeconds\": 30}]", "[]");
        List<Double> delays = retryDelays(run(definition, "{}", failing("Flaky", "Flaky", "Flaky", "Flaky")));
        assertThat(delays).hasSize(4);
        assertThat(delays.get(0)).isCloseTo(10, within(0.5));
        delays.subList(1, 4).forEach(delay -> assertThat(delay).isCloseTo(30, within(0.5)));
    }

    @Test
    void finishesHoursOfRetryDelaysInRealMilliseconds() {
        String definition = task("[{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 3600, \"BackoffRate\": 2,"
                + " \"MaxAttempts\": 5}]", "[]");
        long start = System.nanoTime();
        ExecutionRun run = run(definition, "{}", failing("A", "B", "C", "D", "E"));
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Duration.between(run.startDate(), run.stopDate())).isGreaterThan(Duration.ofHours(31));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void neverRetriesWhenMaxAttemptsIsZero() {
        String definition = task("[{\"ErrorEquals\": [\"Flaky\"], \"MaxAttempts\": 0}]", "[]");
        ExecutionRun run = run(definition, "{}", failing("Flaky"));
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(retryDelays(run)).isEmpty();
    }

    @Test
    void letsTheFirstMatchingRetrierDecideAlone() {
        String definition = task("[{\"ErrorEquals\": [\"Fatal\"], \"MaxAttempts\": 0},"
                + " {\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 5}]", "[]");
        ExecutionRun run = run(definition, "{}", failing("Fatal"));
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("Fatal");
    }

    @Test
    void countsAttemptsPerRetrier() {
        String definition = task("[{\"ErrorEquals\": [\"A\"], \"MaxAttempts\": 1}, {\"ErrorEquals\": [\"B\"], \"MaxAttempts\": 2}]", "[]");
        ExecutionRun succeeded = run(definition, "{}", failing("A", "B", "B"));
        assertThat(succeeded.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(succeeded.output().get("calls").asInt()).isEqualTo(4);
        ExecutionRun failed = run(definition, "{}", failing("A", "B", "A"));
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("A");
    }

    @Test
    void exposesTheRetryCountToParameters() {
        String definition = task("[{\"ErrorEquals\": [\"Flaky\"], \"MaxAttempts\": 3}]", "[]");
        JsonNode output = run(definition, "{}", failing("Flaky", "Flaky")).output();
        assertThat(output.get("retryCount").asInt()).isEqualTo(2);
    }

    @Test
    void matchesEveryErrorButTimeoutWithTaskFailed() {
        String definition = task("[{\"ErrorEquals\": [\"States.TaskFailed\"], \"MaxAttempts\": 1}]", "[]");
        assertThat(run(definition, "{}", failing("java.lang.IllegalStateException")).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run(definition, "{}", failing("States.Timeout")).status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void catchesIntoResultPathKeepingTheInput() {
        String definition = task("[]", "[{\"ErrorEquals\": [\"Broken\"], \"ResultPath\": \"$.error\", \"Next\": \"Recover\"}]");
        ExecutionRun run = run(definition, "{\"job\": 7}", failing("Broken"));
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.output()).isEqualTo(json("""
                {"job": 7, "error": {"Error": "Broken", "Cause": "failure number 1"}}"""));
        assertThat(Machines.eventTypes(run)).containsSubsequence("LambdaFunctionFailed", "TaskStateExited",
                "PassStateEntered");
    }

    @Test
    void catchReplacesTheInputWithTheErrorByDefault() {
        String definition = task("[]", "[{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Recover\"}]");
        assertThat(run(definition, "{\"job\": 7}", failing("Broken")).output())
                .isEqualTo(json("{\"Error\": \"Broken\", \"Cause\": \"failure number 1\"}"));
    }

    @Test
    void retriesBeforeCatching() {
        String definition = task("[{\"ErrorEquals\": [\"Broken\"], \"MaxAttempts\": 2}]",
                "[{\"ErrorEquals\": [\"Broken\"], \"Next\": \"Recover\"}]");
        ExecutionRun run = run(definition, "{}", failing("Broken", "Broken", "Broken"));
        assertThat(run.output().get("Cause").asText()).isEqualTo("failure number 3");
    }

    @Test
    void drawsFullJitterFromASeedableSource() {
        String definition = task("[{\"ErrorEquals\": [\"Flaky\"], \"IntervalSeconds\": 100, \"BackoffRate\": 1,"
                + " \"MaxAttempts\": 3, \"JitterStrategy\": \"FULL\"}]", "[]");
        List<Double> first = jitteredDelays(definition, 7);
        List<Double> second = jitteredDelays(definition, 7);
        assertThat(first).hasSize(3).allSatisfy(delay -> assertThat(delay).isBetween(0.0, 100.5));
        assertThat(first.stream().distinct().count()).isGreaterThan(1);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).isCloseTo(first.get(i), within(0.5));
        }
    }

    private static List<Double> jitteredDelays(String definition, long seed) {
        try (StatesEngine engine = new StatesEngine(failing("Flaky", "Flaky", "Flaky"),
                EngineOptions.defaults().withJitterSeed(seed))) {
            return retryDelays(engine.run(DefinitionParser.parse(definition), ExecutionSpec.adHoc("j", Json.object()),
                    Duration.ofSeconds(10)));
        }
    }
}
