package dev.pim.local.stepfunctions;

import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import org.junit.jupiter.api.Test;

import static dev.pim.local.stepfunctions.Machines.eventTypes;
import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;

class FailAndSucceedStateTest {

    @Test
    void failsTheExecutionWithTheFailStatesErrorAndCause() {
        String definition = """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "ErrorA", "Cause": "Kaiju attack"}}}""";
        ExecutionRun run = run(definition, "{}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("ErrorA");
        assertThat(run.cause()).isEqualTo("Kaiju attack");
        assertThat(eventTypes(run)).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
    }

    @Test
    void readsErrorAndCauseFromPathsAndIntrinsicFunctions() {
        String definition = """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.code",
                  "CausePath": "States.Format('{} failed: {}', $.who, $.why)"}}}""";
        ExecutionRun run = run(definition, "{\"code\": \"Boom\", \"who\": \"preflight\", \"why\": \"no agent\"}");
        assertThat(run.error()).isEqualTo("Boom");
        assertThat(run.cause()).isEqualTo("preflight failed: no agent");
    }

    @Test
    void failsWithoutErrorOrCauseWhenTheFailStateGivesNone() {
        ExecutionRun run = run("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\"}}}", "{}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isNull();
        assertThat(run.cause()).isNull();
    }

    @Test
    void succeedsWithItsOutputPathApplied() {
        String definition = """
                {"StartAt": "S", "States": {"S": {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}}}""";
        ExecutionRun run = run(definition, "{\"a\": {\"b\": {\"done\": true}}}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.output()).isEqualTo(json("{\"done\": true}"));
        assertThat(eventTypes(run)).containsExactly("ExecutionStarted", "SucceedStateEntered", "SucceedStateExited",
                "ExecutionSucceeded");
    }
}
