package dev.pim.integration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.cli.pipeline.PipelineTemplate;
import dev.pim.integration.ExecutionWaits;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Executions of the deployed pipeline as a caller sees them over the Step Functions API: started, awaited
 * ({@link ExecutionWaits}), and their history read.
 */
final class PipelineExecutions {
    /** How long a demo-sized run may take on a busy machine before the test gives up on it. */
    static final Duration SMALL_RUN = Duration.ofMinutes(2);
    /** How long a run over thousands of roles may take. */
    static final Duration LARGE_RUN = Duration.ofMinutes(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineExecutions() {
    }

    /** Starts an execution of the pipeline's state machine and waits, up to {@link #SMALL_RUN}, for its end. */
    static DescribeExecutionResponse run(LocalPipeline pipeline, String name, String input) {
        try (SfnClient sfn = pipeline.sfnClient()) {
            String arn = sfn.startExecution(r -> r.stateMachineArn(pipeline.stateMachineArn()).name(name).input(input))
                    .executionArn();
            return ExecutionWaits.awaitEnd(sfn, arn, SMALL_RUN);
        }
    }

    /** The execution's whole history, with each event's input and output. */
    static List<HistoryEvent> history(SfnClient sfn, String executionArn) {
        return sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn).includeExecutionData(true)).events()
                .stream().toList();
    }

    static List<HistoryEvent> history(LocalPipeline pipeline, String executionArn) {
        try (SfnClient sfn = pipeline.sfnClient()) {
            return history(sfn, executionArn);
        }
    }

    /** The output a Task state exited with, as the execution's history shows it. */
    static JsonNode taskOutput(List<HistoryEvent> history, String state) throws IOException {
        HistoryEvent exited = history.stream().filter(e -> e.type() == HistoryEventType.TASK_STATE_EXITED
                        && e.stateExitedEventDetails().name().equals(state)).findFirst()
                .orElseThrow(() -> new AssertionError("no state " + state + " in the history"));
        return JSON.readTree(exited.stateExitedEventDetails().output());
    }

    /**
     * A state machine whose definition is MigrateRoles' ItemProcessor, as the distributed Map runs it for each batch
     * (without the ProcessorConfig, which only a Map reads); its ARN.
     */
    static String migrateRolesChild(SfnClient sfn, LocalPipeline pipeline, String name) throws IOException {
        ObjectNode definition = (ObjectNode) JSON.readTree(PipelineTemplate.load().definitionFor(pipeline.region(),
                pipeline.account()));
        ObjectNode processor = ((ObjectNode) definition.at("/States/MigrateRoles/ItemProcessor")).deepCopy();
        processor.remove("ProcessorConfig");
        return sfn.createStateMachine(r -> r.name(name).definition(processor.toString())
                .roleArn("arn:aws:iam::" + pipeline.account() + ":role/pim-state-machine")).stateMachineArn();
    }
}
