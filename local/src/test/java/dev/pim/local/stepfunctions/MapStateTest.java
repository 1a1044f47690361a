package dev.pim.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.HistoryEvent;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.task.TaskInvoker;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.output;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;

class MapStateTest {
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:item";

    /** Tracks how many calls run at once; each call takes {@code millis} of real time. */
    private static final class ConcurrencyProbe implements TaskInvoker {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger highest = new AtomicInteger();
        private final long millis;

        ConcurrencyProbe(long millis) {
            this.millis = millis;
        }

        @Override
        public JsonNode invoke(dev.pim.local.stepfunctions.task.TaskCall call) {
            highest.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return call.parameters();
        }
    }

    private static String mapOverItems(String mapFields) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", %s, "End": true,
                  "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}"""
                .formatted(mapFields, FUNCTION);
    }

    @Test
    void shapesEachItemWithItemSelectorAsInTheSpecificationExample() {
        String definition = Machines.resource("map-spec-example.asl.json");
        String input = """
                {"ship-date": "2016-03-14T01:59:00Z", "detail": {"delivery-partner": "UQS",
                 "shipped": [{"prod": "R31", "dest-code": 9511, "quantity": 1344},
                             {"prod": "S39", "dest-code": 9511, "quantity": 40}]}}""";
        assertThat(output(definition, input)).isEqualTo(json("""
                {"ship-date": "2016-03-14T01:59:00Z", "detail": {"delivery-partner": "UQS",
                 "shipped": [
                   {"parcel": {"prod": "R31", "dest-code": 9511, "quantity": 1344}, "courier": "UQS", "index": 0},
                   {"parcel": {"prod": "S39", "dest-code": 9511, "quantity": 40}, "courier": "UQS", "index": 1}]}}"""));
    }

    @Test
    void returnsResultsInItemOrderWhateverOrderTheyFinishIn() {
        TaskInvoker slowerForEarlierItems = call -> {
            try {
                Thread.sleep(20L * (5 - call.parameters().asInt()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return call.parameters();
        };
        assertThat(output(mapOverItems("\"ItemsPath\": \"$\""), "[0, 1, 2, 3, 4]", slowerForEarlierItems))
                .isEqualTo(json("[0, 1, 2, 3, 4]"));
    }

    @Test
    void runsNoMoreIterationsAtOnceThanMaxConcurrency() {
        ConcurrencyProbe probe = new ConcurrencyProbe(60);
        ExecutionRun run = run(mapOverItems("\"MaxConcurrency\": 3"), "[1, 2, 3, 4, 5, 6, 7, 8, 9]", probe);
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(probe.highest.get()).isEqualTo(3);
    }

    @Test
    void runsAllIterationsAtOnceWhenMaxConcurrencyIsZero() {
        ConcurrencyProbe probe = new ConcurrencyProbe(200);
        run(mapOverItems("\"MaxConcurrency\": 0"), "[1, 2, 3, 4, 5, 6, 7, 8]", probe);
        assertThat(probe.highest.get()).isEqualTo(8);
    }

    @Test
    void readsMaxConcurrencyFromTheInput() {
        ConcurrencyProbe probe = new ConcurrencyProbe(60);
        run(mapOverItems("\"ItemsPath\": \"$.items\", \"MaxConcurrencyPath\": \"$.limit\""),
                "{\"items\": [1, 2, 3, 4, 5, 6], \"limit\": 2}", probe);
        assertThat(probe.highest.get()).isEqualTo(2);
    }

    @Test
    void failsWithTheFirstFailingIterationsError() {
        TaskInvoker failsOnTwo = call -> {
            if (call.parameters().asInt() == 2) {
                throw new StatesError("Item.Broken", "item 2");
            }
            return call.parameters();
        };
        ExecutionRun run = run(mapOverItems("\"MaxConcurrency\": 1"), "[1, 2, 3]", failsOnTwo);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("Item.Broken");
        assertThat(Machines.eventTypes(run)).containsSubsequence("MapIterationFailed", "MapStateFailed", "ExecutionFailed")
                .doesNotContain("MapStateSucceeded");
    }

    @Test
    void keepsGoingWhenEachIterationCatchesItsOwnFailure() {
        String definition = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "T", "States": {
                    "T": {"Type": "Task", "Resource": "%s", "End": true,
                          "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Skipped"}]},
                    "Skipped": {"Type": "Pass", "Parameters": {"skipped.$": "$.item"}, "End": true}}}}}}"""
                .formatted(FUNCTION);
        TaskInvoker failsOnOdd = call -> {
            if (call.parameters().get("item").asInt() % 2 == 1) {
                throw new StatesError("Odd", "odd item");
            }
            return Json.object().put("done", call.parameters().get("item").asInt());
        };
        assertThat(output(definition, "[{\"item\": 0}, {\"item\": 1}, {\"item\": 2}]", failsOnOdd))
                .isEqualTo(json("[{\"done\": 0}, {\"skipped\": 1}, {\"done\": 2}]"));
    }

    @Test
    void failsWithARuntimeErrorWhenItemsPathIsNotAnArray() {
        ExecutionRun run = run(mapOverItems("\"ItemsPath\": \"$.items\""), "{\"items\": {\"not\": \"an array\"}}");
        assertThat(run.error()).isEqualTo("States.Runtime");
        assertThat(run.cause()).contains("$.items");
    }

    @Test
    void mapsAnEmptyArrayToAnEmptyArray() {
        assertThat(output(mapOverItems("\"ItemsPath\": \"$\""), "[]")).isEqualTo(json("[]"));
    }

    @Test
    void recordsEachIterationInTheHistory() {
        ExecutionRun run = run(mapOverItems("\"MaxConcurrency\": 1"), "[\"a\", \"b\"]", call -> call.parameters());
        HistoryEvent started = run.history().stream().filter(e -> e.type().equals("MapStateStarted")).findFirst().orElseThrow();
        assertThat(started.details().get("length").asInt()).isEqualTo(2);
        assertThat(run.history().stream().filter(e -> e.type().equals("MapIterationSucceeded"))
                .map(e -> e.details().get("index").asInt())).containsExactly(0, 1);
        assertThat(run.history().stream().filter(e -> e.type().equals("MapIterationStarted"))
                .map(e -> e.details().get("name").asText())).containsOnly("M");
    }
}
