package dev.pim.local.stepfunctions;

import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.HistoryEvent;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.task.TaskInvoker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pim.local.stepfunctions.Machines.eventTypes;
import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.output;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;

class ParallelStateTest {

    @Test
    void givesEachBranchTheInputAndCollectsOutputsInBranchOrder() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "ResultPath": "$.results", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.x", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}}}""";
        assertThat(output(definition, "{\"x\": 1}")).isEqualTo(json("{\"x\": 1, \"results\": [1, \"b\"]}"));
    }

    @Test
    void failsWithTheFailingBranchsErrorWhichCatchCanName() {
        String definition = """
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Next": "Done", "Branches": [
                    {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Branch.Broke", "Cause": "on purpose"}}},
                    {"StartAt": "Fine", "States": {"Fine": {"Type": "Pass", "End": true}}}],
                    "Catch": [{"ErrorEquals": ["Branch.Broke"], "ResultPath": "$.error", "Next": "Handled"}]},
                  "Handled": {"Type": "Pass", "End": true},
                  "Done": {"Type": "Succeed"}}}""";
        ExecutionRun run = run(definition, "{}");
        assertThat(run.output()).isEqualTo(json("{\"error\": {\"Error\": \"Branch.Broke\", \"Cause\": \"on purpose\"}}"));
        assertThat(eventTypes(run)).containsSubsequence("ParallelStateEntered", "ParallelStateStarted",
                "FailStateEntered", "ParallelStateFailed", "ParallelStateExited", "PassStateEntered");
    }

    @Test
    void stopsTheOtherBranchesWhenOneFails() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Broke"}}},
                  {"StartAt": "Slow", "States": {
                    "Slow": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "Next": "Late"},
                    "Late": {"Type": "Pass", "End": true}}}]}}}""";
        TaskInvoker slow = call -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Json.object();
        };
        ExecutionRun run = run(definition, "{}", slow);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("Broke");
        assertThat(run.history().stream().map(HistoryEvent::stateName)).doesNotContain("Late");
    }

    @Test
    void endsWhenItsSlowestBranchEndsInVirtualTime() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 100, "End": true}}},
                  {"StartAt": "Short", "States": {"Short": {"Type": "Wait", "Seconds": 10, "End": true}}}]}}}""";
        ExecutionRun run = run(definition, "{}");
        Instant started = timestamp(run, "ParallelStateStarted");
        Instant succeeded = timestamp(run, "ParallelStateSucceeded");
        assertThat(Duration.between(started, succeeded)).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(105));
    }

    @Test
    void retriesTheWholeStateOnAMatchingError() {
        AtomicInteger calls = new AtomicInteger();
        TaskInvoker failsOnce = call -> {
            if (calls.incrementAndGet() == 1) {
                throw new dev.pim.local.stepfunctions.errors.StatesError("Flaky", "first call");
            }
            return Json.object().put("call", calls.get());
        };
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
                  "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 1}],
                  "Branches": [{"StartAt": "T", "States": {"T": {"Type": "Task",
                     "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}]}}}""";
        ExecutionRun run = run(definition, "{}", failsOnce);
        assertThat(run.output()).isEqualTo(json("[{\"call\": 2}]"));
        assertThat(eventTypes(run).stream().filter(t -> t.equals("ParallelStateStarted"))).hasSize(2);
    }

    private static Instant timestamp(ExecutionRun run, String type) {
        return run.history().stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow().timestamp();
    }
}
