package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.asl.NumberOrPath;
import dev.pim.local.stepfunctions.asl.TaskState;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.task.TaskCall;
import dev.pim.local.stepfunctions.task.TaskResource;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Task states: effective parameters, the call (bounded by TimeoutSeconds, in real time: handlers do real work),
 * then the result through ResultSelector, ResultPath and OutputPath, all under Retry and Catch.
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
        JsonNode selected = DataFlowSteps.selectInput(state.io(), visit);
        Duration timeout = seconds(state.timeout(), selected, visit, "TimeoutSecondsPath");
        Duration heartbeat = seconds(state.heartbeat(), selected, visit, "HeartbeatSecondsPath");
        JsonNode parameters = state.io().parameters() == null ? selected
                : state.io().parameters().apply(selected, visit.contextObject());
        PayloadLimit.checkInput(visit, parameters);
        TaskEvents events = new TaskEvents(resource, visit);
        ExecutionSpec spec = visit.run().spec();
        events.scheduled(parameters, spec.region(), timeout, heartbeat);
        events.started();
        JsonNode result;
        try {
            result = call(new TaskCall(resource, parameters, spec.region(), spec.accountId(), spec.executionArn(),
                    state.name(), timeout), visit.run());
            PayloadLimit.checkResult(visit, result);
        } catch (StatesError e) {
            events.failed(e);
            throw e;
        }
        events.succeeded(result);
        return DataFlowSteps.output(state.io(), result, visit);
    }

    private JsonNode call(TaskCall call, ExecutionRun run) {
        if (call.timeout() == null) {
            return invoke(call);
        }
        Future<JsonNode> future = runtime.pool().submit(() -> {
            run.enter();
            try {
                return invoke(call);
            } finally {
                run.leave();
            }
        });
        try {
            return future.get(call.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StatesError(ErrorNames.TIMEOUT, "The task did not complete within " + call.timeout().toSeconds() + " seconds");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw new ExecutionInterrupted(ExecutionInterrupted.Reason.STOPPED);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StatesError(ErrorNames.TASK_FAILED, String.valueOf(e.getCause()));
        }
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

    private static Duration seconds(NumberOrPath spec, JsonNode input, StateVisit visit, String field) {
        if (spec.value() != null) {
            return Duration.ofSeconds(spec.value().longValue());
        }
        if (spec.path() == null) {
            return null;
        }
        JsonNode value = DataFlowSteps.select(spec.path(), input, visit, field);
        if (!value.isIntegralNumber() || value.longValue() < 1) {
            throw visit.runtimeError("The " + field + " parameter does not reference a valid positive integer: " + value);
        }
        return Duration.ofSeconds(value.longValue());
    }
}
