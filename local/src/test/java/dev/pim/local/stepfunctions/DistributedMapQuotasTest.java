package dev.pim.local.stepfunctions;

import dev.pim.local.stepfunctions.engine.EngineOptions;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.Quotas;
import dev.pim.local.stepfunctions.task.TaskInvoker;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;

/** A distributed Map under the quotas: children have histories of their own; batches hold to their byte limit. */
class DistributedMapQuotasTest {
    private static final TaskInvoker ECHO = call -> call.parameters();

    private static String distributed(String mapFields) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", %s, "End": true, "ResultSelector": {"done": true},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "T", "States": {"T": {"Type": "Task", "ResultPath": null,
                      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:child", "End": true}}}}}}"""
                .formatted(mapFields);
    }

    private static String numbers(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append(i);
        }
        return json.append(']').toString();
    }

    @Test
    void childrenCountTheirEventsOnTheirOwn() {
        // Seven events per child, 3,600 children: 25,200 events in all, past AWS's 25,000 for one execution.
        ExecutionRun run = run(distributed("\"MaxConcurrency\": 0"), numbers(3_600), ECHO);

        assertThat(run.status()).as(run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<ExecutionRun> children = run.descendants().children();
        assertThat(children).hasSize(3_600).allSatisfy(child -> {
            assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(child.eventCount()).isEqualTo(7);
            assertThat(child.mapRunArn()).contains(":mapRun:");
        });
        long total = run.eventCount() + children.stream().mapToLong(ExecutionRun::eventCount).sum();
        assertThat(total).isGreaterThan(25_000);
        assertThat(run.eventCount()).isEqualTo(8);
    }

    @Test
    void aChildPastTheHistoryQuotaFailsAndFailsTheMapRun() {
        // Each child would make 10 events (ExecutionStarted, four Pass states of two events, ExecutionSucceeded);
        // the parent makes 7 when its Map Run fails. One child at a time: a child running beside the first would be
        // aborted (not failed) when the first fails the Map Run.
        String definition = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "MaxConcurrency": 1,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "C"},
                      "C": {"Type": "Pass", "Next": "D"}, "D": {"Type": "Pass", "End": true}}}}}}""";
        ExecutionRun run = run(definition, "[1, 2]", ECHO,
                EngineOptions.defaults().withQuotas(Quotas.aws().withMaxHistoryEvents(8)));
        assertThat(run.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(run.descendants().children()).isNotEmpty().allSatisfy(child -> {
            assertThat(child.error()).isEqualTo("States.Runtime");
            assertThat(child.cause()).isEqualTo("The execution reached the maximum number of history events (8).");
            assertThat(child.eventCount()).isEqualTo(8);
        });
    }

    @Test
    void anItemTooLargeForABatchFailsWithDataLimitExceeded() {
        String definition = distributed("\"ItemBatcher\": {\"MaxItemsPerBatch\": 10},"
                + " \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Handled\"}], \"Next\": \"Handled\"")
                .replace("\"End\": true, \"ResultSelector\"", "\"ResultSelector\"")
                .replaceFirst("}}}}}}$", "}}}}, \"Handled\": {\"Type\": \"Pass\", \"End\": true}}}");
        // The input (132 bytes) fits the quota; the second item's batch, {"Items":[...]} around it, does not.
        ExecutionRun run = run(definition, "[\"small\", \"" + "b".repeat(120) + "\"]", ECHO,
                EngineOptions.defaults().withQuotas(Quotas.aws().withMaxPayloadBytes(133)));

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(run.cause()).contains("index 1", "'M'", "133 bytes a batch may hold");
        assertThat(run.descendants().children()).isEmpty();
    }

    @Test
    void aBatchFillsUpTo256KiB() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        TaskInvoker measuring = call -> {
            sizes.add(call.parameters().toString().getBytes(StandardCharsets.UTF_8).length);
            return call.parameters();
        };
        // ItemSelector makes each of the 100 small items about 10 KB: 26 fit in 262,144 bytes, so 4 batches.
        String definition = distributed("\"ItemBatcher\": {\"MaxItemsPerBatch\": 1000},"
                + " \"ItemSelector\": {\"i.$\": \"$$.Map.Item.Value\", \"pad\": \"" + "c".repeat(10_000) + "\"}");
        ExecutionRun run = run(definition, numbers(100), measuring);
        assertThat(run.status()).as(run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sizes).hasSize(4).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(262_144));
        assertThat(run.largestPayloadBytes()).isBetween(250_000L, 262_144L);
    }
}
