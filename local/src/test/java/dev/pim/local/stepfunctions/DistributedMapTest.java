package dev.pim.local.stepfunctions;

import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.task.TaskInvoker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.pim.local.stepfunctions.Machines.eventTypes;
import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;

class DistributedMapTest {
    /** Items that are negative numbers fail; the others come back as they are. */
    private static final TaskInvoker NEGATIVES_FAIL = call -> {
        if (call.parameters().isNumber() && call.parameters().asInt() < 0) {
            throw new StatesError("Negative", "item " + call.parameters().asInt());
        }
        return call.parameters();
    };

    private static String distributed(String mapFields) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", %s, "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "T", "States": {"T": {"Type": "Task",
                      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:child", "End": true}}}}}}"""
                .formatted(mapFields);
    }

    @Test
    void toleratesNoFailureByDefault() {
        ExecutionRun run = run(distributed("\"MaxConcurrency\": 2"), "[1, 2, -3]", NEGATIVES_FAIL);
        assertThat(run.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void runsEachItemAsAChildExecutionOutsideTheParentHistory() {
        ExecutionRun run = run(distributed("\"ItemsPath\": \"$\""), "[1, 2]", NEGATIVES_FAIL);
        assertThat(run.output()).isEqualTo(json("[1, 2]"));
        assertThat(eventTypes(run)).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
    }

    @Test
    void batchesItemsWithBatchInput() {
        List<String> childInputs = new CopyOnWriteArrayList<>();
        TaskInvoker recording = call -> {
            childInputs.add(call.parameters().toString());
            return call.parameters().get("Items");
        };
        String definition = distributed("""
                "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}}, "ItemsPath": "$.items\"""");
        ExecutionRun run = run(definition, "{\"run\": \"r1\", \"items\": [1, 2, 3, 4, 5]}", recording);
        assertThat(run.output()).isEqualTo(json("[[1, 2], [3, 4], [5]]"));
        assertThat(childInputs).contains("{\"BatchInput\":{\"run\":\"r1\"},\"Items\":[1,2]}");
    }
}
