package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.asl.TaskState;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.task.TaskCall;
import dev.pim.local.stepfunctions.task.TaskResource;

/**
 * Task states: effective parameters, the call, then the result through ResultSelector, ResultPath and OutputPath,
 * all under Retry and Catch.
 */
final class TaskStep {
    private final EngineRuntime runtime;

    TaskStep(EngineRuntime runtime) {
        this.runtime = runtime;
    }

    Outcome run(TaskState state, StateVisit visit) {
        TaskResource resource = TaskResource.parse(state.resource());
        Outcome outcome = ErrorFlow.run(visit, state.errors(), state.next(), () -> attempt(state, resource, visit));
        visit.exit(outcome.output());
        return outcome;
    }

    private JsonNode attempt(TaskState state, TaskResource resource, StateVisit visit) {
        JsonNode parameters = DataFlowSteps.effectiveInput(state.io(), visit);
        TaskEvents events = new TaskEvents(resource, visit);
        ExecutionSpec spec = visit.run().spec();
        events.scheduled(parameters, spec.region());
        events.started();
        JsonNode result;
        try {
            result = invoke(new TaskCall(resource, parameters, spec.region(), spec.accountId(), spec.executionArn(),
                    state.name()));
            PayloadLimit.checkResult(visit, result);
        } catch (StatesError e) {
            events.failed(e);
            throw e;
        }
        events.succeeded(result);
        return DataFlowSteps.output(state.io(), result, visit);
    }

    private JsonNode invoke(TaskCall call) {
        try {
            return runtime.invoker().invoke(call);
        } catch (StatesError | ExecutionInterrupted e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StatesError(ErrorNames.TASK_FAILED, "the task invoker failed: " + e);
        }
    }
}
