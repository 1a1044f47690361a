package dev.pim.local.stepfunctions;

import dev.pim.local.fault.ErrorRule;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.handlers.GateHandler;
import dev.pim.local.stepfunctions.handlers.SelfDescribingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Step Functions API through the real SDK client, against the local cloud's single endpoint. */
class StepFunctionsApiTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/pim-operator";
    private static final String PASS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"done": true}, "ResultPath": "$.result", "End": true}}}""";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private final SfnClient sfn = SfnClients.sfn(cloud);

    @AfterEach
    void openTheGate() {
        GateHandler.open();
        GateHandler.close();
    }

    private String create(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    private DescribeExecutionResponse finished(String executionArn) throws InterruptedException {
        assertThat(cloud.cloud().stepFunctions().await(executionArn, Duration.ofSeconds(20))).isPresent();
        return sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    @Test
    void createsDescribesListsAndDeletesStateMachines() {
        String arn = create("migrate", PASS);
        assertThat(arn).isEqualTo("arn:aws:states:us-west-2:111122223333:stateMachine:migrate");
        DescribeStateMachineResponse described = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(described.name()).isEqualTo("migrate");
        assertThat(described.definition()).isEqualTo(PASS);
        assertThat(described.roleArn()).isEqualTo(ROLE);
        assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(described.creationDate()).isNotNull();
        create("second", PASS);
        assertThat(sfn.listStateMachines(b -> b.maxResults(1)).stateMachines()).hasSize(1);
        assertThat(sfn.listStateMachinesPaginator(b -> b.maxResults(1)).stateMachines())
                .extracting(s -> s.name()).containsExactly("migrate", "second");
        sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class).hasMessageContaining(arn);
    }

    @Test
    void refusesAnInvalidDefinitionNamingTheStateAndField() {
        assertThatThrownBy(() -> create("broken", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Missing 'Next' target: B at /States/A/Next")
                .satisfies(e -> assertThat(((SfnException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void answersARepeatedCreateWithTheSameMachineButRefusesADifferentDefinition() {
        String arn = create("twice", PASS);
        assertThat(create("twice", PASS)).isEqualTo(arn);
        assertThatThrownBy(() -> create("twice", PASS.replace("\"done\": true", "\"done\": false")))
                .isInstanceOf(StateMachineAlreadyExistsException.class).hasMessageContaining(arn);
    }

    @Test
    void refusesInvalidNamesAndArns() {
        assertThatThrownBy(() -> create("has space", PASS)).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("arn:aws:iam::111122223333:role/x")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(
                "arn:aws:states:us-west-2:111122223333:execution:none:none")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    @Test
    void runsAnExecutionToItsOutput() throws InterruptedException {
        String machine = create("run", PASS);
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("first").input("{\"cluster\": \"demo\"}"))
                .executionArn();
        assertThat(execution).isEqualTo("arn:aws:states:us-west-2:111122223333:execution:run:first");
        DescribeExecutionResponse described = finished(execution);
        assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(described.output()).isEqualTo("{\"cluster\":\"demo\",\"result\":{\"done\":true}}");
        assertThat(described.input()).isEqualTo("{\"cluster\": \"demo\"}");
        assertThat(described.stopDate()).isAfterOrEqualTo(described.startDate());
        assertThat(cloud.counters().count("states:StartExecution")).isEqualTo(1);
    }

    @Test
    void startsExecutionsAsynchronouslyAndStopsThemOnRequest() throws InterruptedException {
        cloud.cloud().stepFunctions().lambdas().register("Gate", GateHandler.class);
        String machine = create("gated", """
                {"StartAt": "Hold", "States": {"Hold": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "Gate", "Payload": {}}, "End": true}}}""");
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status()).isEqualTo(ExecutionStatus.RUNNING);
        sfn.stopExecution(b -> b.executionArn(execution).error("Operator.Cancelled").cause("changed my mind"));
        DescribeExecutionResponse stopped = finished(execution);
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Operator.Cancelled");
        List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
        assertThat(events.get(events.size() - 1).type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
        assertThat(events.get(events.size() - 1).executionAbortedEventDetails().cause()).isEqualTo("changed my mind");
    }

    @Test
    void startsIdempotentlyWhileRunningAndRefusesOtherReuseOfAName() throws InterruptedException {
        cloud.cloud().stepFunctions().lambdas().register("Gate", GateHandler.class);
        String machine = create("idempotent", """
                {"StartAt": "Hold", "States": {"Hold": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-west-2:111122223333:function:Gate", "End": true}}}""");
        String first = sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\": 1}")).executionArn();
        assertThat(sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\": 1}")).executionArn())
                .isEqualTo(first);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\": 2}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class).hasMessageContaining(first);
        GateHandler.open();
        assertThat(finished(first).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\": 1}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions()).hasSize(1);
    }

    @Test
    void refusesInputThatIsNotJsonOrTooLarge() {
        String machine = create("inputs", PASS);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input("{not json")))
                .isInstanceOf(InvalidExecutionInputException.class);
        String large = "{\"x\": \"" + "a".repeat(262_144) + "\"}";
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).input(large)))
                .isInstanceOf(InvalidExecutionInputException.class);
    }

    @Test
    void pagesTheHistoryInEitherOrder() throws InterruptedException {
        String machine = create("history", """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Wait", "Seconds": 5, "End": true}}}""");
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        finished(execution);
        List<HistoryEvent> all = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(b -> b.executionArn(execution).maxResults(2)).events().forEach(all::add);
        assertThat(all).extracting(HistoryEvent::typeAsString).containsExactly("ExecutionStarted", "PassStateEntered",
                "PassStateExited", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded");
        assertThat(all).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(all).extracting(HistoryEvent::previousEventId).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(all.get(1).stateEnteredEventDetails().name()).isEqualTo("A");
        assertThat(Duration.between(all.get(3).timestamp(), all.get(4).timestamp())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        GetExecutionHistoryResponse newest = sfn.getExecutionHistory(b -> b.executionArn(execution).reverseOrder(true).maxResults(1));
        assertThat(newest.events().get(0).type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(newest.nextToken()).isNotNull();
    }

    @Test
    void listsExecutionsNewestFirstByStatus() throws InterruptedException {
        String machine = create("listing", PASS);
        String failing = create("failing", "{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"E\"}}}");
        String one = sfn.startExecution(b -> b.stateMachineArn(machine).name("one")).executionArn();
        finished(one);
        String two = sfn.startExecution(b -> b.stateMachineArn(machine).name("two")).executionArn();
        finished(two);
        finished(sfn.startExecution(b -> b.stateMachineArn(failing)).executionArn());
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions())
                .extracting(e -> e.name()).containsExactly("two", "one");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.FAILED)).executions()).isEmpty();
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(failing).statusFilter(ExecutionStatus.FAILED)).executions())
                .hasSize(1);
        assertThat(sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).maxResults(1)).executions()).hasSize(2);
    }

    @Test
    void letsHandlersCallBackIntoTheLocalCloudWhileTheirExecutionRuns() throws InterruptedException {
        cloud.cloud().stepFunctions().lambdas().register("arn:aws:lambda:us-west-2:111122223333:function:Self",
                SelfDescribingHandler.class);
        String machine = create("callback", """
                {"StartAt": "Look", "States": {"Look": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "arn:aws:lambda:us-west-2:111122223333:function:Self",
                                 "Payload": {"executionArn.$": "$$.Execution.Id"}},
                  "OutputPath": "$.Payload", "End": true}}}""");
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        DescribeExecutionResponse described = finished(execution);
        assertThat(described.status()).as(described.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(described.output()).contains("\"statusSeenFromInside\":\"RUNNING\"", "\"region\":\"us-west-2\"");
    }

    @Test
    void letsInProcessListenersFollowExecutionsStateByState() throws InterruptedException {
        List<String> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.pim.local.stepfunctions.engine.ExecutionListener listener = (run, event) -> {
            if (event.type().endsWith("StateEntered")) {
                states.add(run.spec().name() + "/" + event.stateName());
            }
        };
        cloud.cloud().stepFunctions().addListener(listener);
        try {
            String machine = create("followed", """
                    {"StartAt": "One", "States": {"One": {"Type": "Pass", "Next": "Two"}, "Two": {"Type": "Succeed"}}}""");
            finished(sfn.startExecution(b -> b.stateMachineArn(machine).name("watched")).executionArn());
        } finally {
            cloud.cloud().stepFunctions().removeListener(listener);
        }
        assertThat(states).containsExactly("watched/One", "watched/Two");
    }

    @Test
    void movesTheLocalCloudsClockThroughWaitStates() throws InterruptedException {
        Instant before = cloud.cloud().clock().now();
        String machine = create("waiting", "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}}}");
        finished(sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn());
        assertThat(cloud.cloud().clock().now()).isAfter(before.plus(Duration.ofHours(1)));
    }

    @Test
    void answersInjectedFaultsAndThrottlingInItsOwnWireFormat() {
        cloud.faults().error(ErrorRule.onCall("states:ListStateMachines", 1));
        assertThatThrownBy(() -> sfn.listStateMachines(b -> { }))
                .isInstanceOfSatisfying(SfnException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                });
        cloud.faults().rateLimit("states:read", 0.001, 1);
        sfn.listStateMachines(b -> { });
        assertThatThrownBy(() -> sfn.listStateMachines(b -> { }))
                .isInstanceOfSatisfying(SfnException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                });
    }

    @Test
    void forgetsStateMachinesAndStopsExecutionsOnReset() throws InterruptedException {
        cloud.cloud().stepFunctions().lambdas().register("Gate", GateHandler.class);
        String machine = create("reset", """
                {"StartAt": "Hold", "States": {"Hold": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-west-2:111122223333:function:Gate", "End": true}}}""");
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        ExecutionRun run = cloud.cloud().stepFunctions().execution(execution).orElseThrow();
        cloud.cloud().reset();
        assertThat(run.await(Duration.ofSeconds(5))).isTrue();
        assertThat(run.status()).isEqualTo(dev.pim.local.stepfunctions.engine.ExecutionStatus.ABORTED);
        assertThat(sfn.listStateMachines(b -> { }).stateMachines()).isEmpty();
    }
}
