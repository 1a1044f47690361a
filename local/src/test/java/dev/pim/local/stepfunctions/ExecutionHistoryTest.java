package dev.pim.local.stepfunctions;

import dev.pim.local.stepfunctions.asl.DefinitionParser;
import dev.pim.local.stepfunctions.engine.EngineOptions;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionSpec;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.HistoryEvent;
import dev.pim.local.stepfunctions.engine.StatesEngine;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.task.TaskInvoker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.pim.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The history an execution records, and the listener that follows it as it happens. */
class ExecutionHistoryTest {

    @Test
    void tellsTheListenerEveryEventInOrderAsItHappens() {
        String definition = """
                {"StartAt": "Plan", "States": {
                  "Plan": {"Type": "Pass", "Next": "Wait"},
                  "Wait": {"Type": "Wait", "Seconds": 30, "Next": "Done"},
                  "Done": {"Type": "Succeed"}}}""";
        List<HistoryEvent> heard = new CopyOnWriteArrayList<>();
        ExecutionRun run;
        try (StatesEngine engine = new StatesEngine(TaskInvoker.NONE, EngineOptions.defaults())) {
            run = engine.start(DefinitionParser.parse(definition), ExecutionSpec.adHoc("follow", Json.object()),
                    (execution, event) -> heard.add(event));
            awaitEnd(run);
        }
        assertThat(heard).isEqualTo(run.history());
        assertThat(heard.stream().map(HistoryEvent::stateName).filter(name -> name != null).distinct())
                .containsExactly("Plan", "Wait", "Done");
        assertThat(heard).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void recordsTheExecutionsInputOutputAndRole() {
        ExecutionRun run = Machines.run("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}", "{\"a\": 1}");
        HistoryEvent started = run.history().get(0);
        assertThat(started.detailsField()).isEqualTo("executionStartedEventDetails");
        assertThat(json(started.details().get("input").asText())).isEqualTo(json("{\"a\": 1}"));
        assertThat(started.details().get("roleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/test");
        HistoryEvent succeeded = run.history().get(run.history().size() - 1);
        assertThat(succeeded.type()).isEqualTo("ExecutionSucceeded");
        assertThat(json(succeeded.details().get("output").asText())).isEqualTo(json("{\"a\": 1}"));
    }

    @Test
    void stopsARunningExecutionAndRecordsNothingAfterTheAbort() throws InterruptedException {
        CountDownLatch inTask = new CountDownLatch(1);
        TaskInvoker blocking = call -> {
            inTask.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Json.object();
        };
        String definition = """
                {"StartAt": "Block", "States": {
                  "Block": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:block", "Next": "After"},
                  "After": {"Type": "Pass", "End": true}}}""";
        try (StatesEngine engine = new StatesEngine(blocking, EngineOptions.defaults())) {
            ExecutionRun run = engine.start(DefinitionParser.parse(definition), ExecutionSpec.adHoc("stop", Json.object()),
                    (execution, event) -> { });
            assertThat(inTask.await(5, TimeUnit.SECONDS)).isTrue();
            long before = System.nanoTime();
            run.stop("Stopped.ByTest", "enough");
            assertThat(run.await(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
            assertThat(run.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(Machines.eventTypes(run)).endsWith("ExecutionAborted").doesNotContain("PassStateEntered");
        }
    }

    private static HistoryEvent entered(ExecutionRun run, String state) {
        return run.history().stream().filter(e -> e.type().endsWith("StateEntered") && state.equals(e.stateName()))
                .findFirst().orElseThrow();
    }

    private static void awaitEnd(ExecutionRun run) {
        try {
            assertThat(run.await(Duration.ofSeconds(10))).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
