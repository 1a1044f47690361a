package dev.pim.local.stepfunctions;

import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The quotas and a distributed Map's children through the real SDK client, against the local cloud. */
class StepFunctionsQuotasApiTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/pim-operator";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private final SfnClient sfn = SfnClients.sfn(cloud);

    private String start(String machine, String definition, String input) {
        String arn = sfn.createStateMachine(b -> b.name(machine).definition(definition).roleArn(ROLE)).stateMachineArn();
        return sfn.startExecution(b -> b.stateMachineArn(arn).input(input)).executionArn();
    }

    private DescribeExecutionResponse finished(String executionArn) throws InterruptedException {
        assertThat(cloud.cloud().stepFunctions().await(executionArn, Duration.ofSeconds(20))).isPresent();
        return sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    @Test
    void aStateOutputOver256KiBFailsTheExecutionWithDataLimitExceeded() throws InterruptedException {
        // The input (about 150 KB) and its copy under $.copy make an output of about 300 KB.
        String definition = """
                {"StartAt": "Copy", "States": {"Copy": {"Type": "Pass", "InputPath": "$.s", "ResultPath": "$.copy",
                  "Next": "Done"}, "Done": {"Type": "Pass", "End": true}}}""";
        String input = "{\"s\": \"" + "q".repeat(150_000) + "\"}";
        DescribeExecutionResponse done = finished(start("copies", definition, input));

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(done.cause()).isEqualTo(
                "The state/task 'Copy' returned a result with a size exceeding the maximum number of bytes service limit.");
    }

    @Test
    void aDistributedMapsChildrenAndMapRunAreReadableByTheirArns() throws InterruptedException {
        String definition = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "End": true,
                  "ItemBatcher": {"MaxItemsPerBatch": 2}, "MaxConcurrency": 3,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""";
        String parent = start("batches", definition, "{\"items\": [1, 2, 3, 4, 5]}");
        assertThat(finished(parent).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        List<MapRunListItem> mapRuns = sfn.listMapRuns(b -> b.executionArn(parent)).mapRuns();
        assertThat(mapRuns).hasSize(1);
        String mapRunArn = mapRuns.get(0).mapRunArn();
        assertThat(mapRunArn).startsWith("arn:aws:states:us-west-2:111122223333:mapRun:batches/M:");

        DescribeMapRunResponse mapRun = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
        assertThat(mapRun.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(mapRun.executionArn()).isEqualTo(parent);
        assertThat(mapRun.maxConcurrency()).isEqualTo(3);
        assertThat(mapRun.toleratedFailureCount()).isZero();
        assertThat(mapRun.itemCounts().total()).isEqualTo(5L);
        assertThat(mapRun.itemCounts().succeeded()).isEqualTo(5L);
        assertThat(mapRun.executionCounts().total()).isEqualTo(3L);
        assertThat(mapRun.executionCounts().succeeded()).isEqualTo(3L);

        List<ExecutionListItem> children = sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
        assertThat(children).hasSize(3).allSatisfy(child -> {
            assertThat(child.mapRunArn()).isEqualTo(mapRunArn);
            assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        });
        assertThat(children.stream().mapToInt(ExecutionListItem::itemCount).sum()).isEqualTo(5);

        String childArn = children.get(0).executionArn();
        List<HistoryEvent> history = sfn.getExecutionHistory(b -> b.executionArn(childArn)).events();
        assertThat(history).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        DescribeExecutionResponse child = sfn.describeExecution(b -> b.executionArn(childArn));
        assertThat(child.mapRunArn()).isEqualTo(mapRunArn);
        assertThat(child.input()).contains("\"Items\"");
    }

    @Test
    void anUnknownMapRunIsNotFound() {
        String arn = "arn:aws:states:us-west-2:111122223333:mapRun:nothing/M:8b5b2b4e-0000-0000-0000-000000000000";
        assertThatThrownBy(() -> sfn.describeMapRun(b -> b.mapRunArn(arn)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(arn);
    }
}
