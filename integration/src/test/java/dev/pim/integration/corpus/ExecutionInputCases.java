package dev.pim.integration.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.FixtureLoader;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.SfnException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code execution-inputs.yaml}: each input given to {@code StartExecution} of the real state machine definition,
 * deployed on the local Step Functions with the real handlers. A bad input fails the execution in its first state
 * (Preflight), not retried, with the handler's error as the execution's error and the message naming the field as
 * its cause; one the API itself refuses ({@code expect.refused}) starts no execution.
 */
final class ExecutionInputCases {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud;

    ExecutionInputCases(LocalCloud cloud) {
        this.cloud = cloud;
    }

    void run(BadInputCase c) {
        cloud.reset(FixtureLoader.load(c.required("fixture")));
        LocalPipeline pipeline = new LocalPipeline(cloud, "us-west-2", "111122223333");
        String stateMachine = pipeline.deploy();
        Untouched untouched = Untouched.now(cloud, Set.of("states:StartExecution"));

        try (SfnClient sfn = pipeline.sfnClient()) {
            if (c.expected("refused") != null) {
                SfnException refused = catchThrowableOfType(() -> sfn.startExecution(r -> r.stateMachineArn(stateMachine)
                        .name(c.id()).input(c.required("input"))), SfnException.class);
                assertThat(refused).as("StartExecution refuses the input").isNotNull();
                assertThat(refused.awsErrorDetails().errorCode()).isEqualTo(c.expected("refused"));
                assertThat(refused.getMessage()).contains(c.fragments("cause"));
            } else {
                String arn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name(c.id()).input(c.required("input")))
                        .executionArn();
                DescribeExecutionResponse execution = awaitEnd(sfn, arn);
                assertThat(execution.status()).as(execution.toString()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(execution.error()).as(execution.cause()).isEqualTo(c.expected("error"));
                assertThat(errorMessage(execution.cause())).contains(c.fragments("cause"));
                List<HistoryEvent> events = sfn.getExecutionHistoryPaginator(r -> r.executionArn(arn)).events().stream().toList();
                assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED)
                        .extracting(e -> e.stateEnteredEventDetails().name()).as("states entered").containsExactly("Preflight");
                assertThat(events).filteredOn(e -> e.type() == HistoryEventType.TASK_SCHEDULED).as("not retried").hasSize(1);
            }
        }
        untouched.assertUntouched();
    }

    /** A Lambda task's error is its function error as the cause: the handler's message is its errorMessage. */
    private static String errorMessage(String cause) {
        try {
            JsonNode error = JSON.readTree(cause);
            return error.has("errorMessage") ? error.get("errorMessage").asText() : cause;
        } catch (JsonProcessingException e) {
            return cause;
        }
    }

    private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String arn) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            DescribeExecutionResponse e = sfn.describeExecution(r -> r.executionArn(arn));
            if (e.status() != ExecutionStatus.RUNNING || Instant.now().isAfter(deadline)) {
                return e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }
}
