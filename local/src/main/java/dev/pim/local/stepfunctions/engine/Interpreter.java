package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.asl.Catcher;
import dev.pim.local.stepfunctions.asl.ChoiceRule;
import dev.pim.local.stepfunctions.asl.ChoiceState;
import dev.pim.local.stepfunctions.asl.ErrorHandling;
import dev.pim.local.stepfunctions.asl.FailState;
import dev.pim.local.stepfunctions.asl.MapState;
import dev.pim.local.stepfunctions.asl.PassState;
import dev.pim.local.stepfunctions.asl.Retrier;
import dev.pim.local.stepfunctions.asl.State;
import dev.pim.local.stepfunctions.asl.StateGraph;
import dev.pim.local.stepfunctions.asl.SucceedState;
import dev.pim.local.stepfunctions.asl.TaskState;
import dev.pim.local.stepfunctions.asl.WaitState;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.payload.DynamicValue;
import dev.pim.local.stepfunctions.task.TaskCall;
import dev.pim.local.stepfunctions.task.TaskResource;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs graphs of states for one execution: the state loop, each state type (Map is {@link MapStep}'s), and Retry
 * and Catch around the work of a Task or Map.
 */
final class Interpreter {
    private final ExecutionRun run;
    private final StatesEngine engine;
    private final MapStep maps;

    /** What a state produced and where to go next; {@code next} null ends the graph. */
    record Outcome(JsonNode output, String next) {
    }

    Interpreter(ExecutionRun run, StatesEngine engine) {
        this.run = run;
        this.engine = engine;
        this.maps = new MapStep(this);
    }

    ExecutionRun run() {
        return run;
    }

    StatesEngine engine() {
        return engine;
    }

    /** Runs a graph from its StartAt until a state ends it; returns the last state's output. */
    JsonNode runGraph(StateGraph graph, JsonNode input, Strand strand) {
        String name = graph.startAt();
        JsonNode data = input;
        while (true) {
            run.checkActive(strand);
            State state = graph.state(name);
            StateVisit visit = StateVisit.enter(run, state, strand, data);
            if (state instanceof FailState fail) {
                throw fail(fail, visit);
            }
            Outcome outcome;
            if (state instanceof TaskState task) {
                outcome = withErrorHandling(visit, task.errors(), task.next(), () -> task(task, visit));
            } else if (state instanceof MapState map) {
                outcome = withErrorHandling(visit, map.errors(), map.next(), () -> maps.run(map, visit));
            } else {
                outcome = flow(state, visit);
            }
            visit.exit(outcome.output());
            if (outcome.next() == null) {
                return outcome.output();
            }
            name = outcome.next();
            data = outcome.output();
        }
    }

    /** The states that do no work of their own: Pass, Choice, Wait and Succeed. */
    private Outcome flow(State state, StateVisit visit) {
        if (state instanceof PassState pass) {
            JsonNode effective = visit.effectiveInput(pass.io());
            JsonNode result = visit.placeResult(pass.io().resultPath(), pass.result() != null ? pass.result() : effective);
            return new Outcome(visit.select(pass.io().outputPath(), result, "OutputPath"), pass.next());
        }
        JsonNode input = visit.selectInput(state.io());
        String next = null;
        if (state instanceof ChoiceState choice) {
            next = choice.choices().stream().filter(b -> matches(b.rule(), input, visit)).findFirst()
                    .map(ChoiceRule.Branch::next).orElse(choice.defaultNext());
            if (next == null) {
                throw new StatesError(ErrorNames.NO_CHOICE_MATCHED, "No Matches!");
            }
        } else if (state instanceof WaitState wait) {
            run.pause(visit.strand(), Duration.ofSeconds(wait.seconds() != null ? wait.seconds() : seconds(wait, input, visit)));
            next = wait.next();
        }
        return new Outcome(visit.select(state.io().outputPath(), input, "OutputPath"), next);
    }

    /** Effective parameters, the call and its events, then the result through ResultSelector, ResultPath, OutputPath. */
    private JsonNode task(TaskState state, StateVisit visit) {
        TaskResource resource = TaskResource.parse(state.resource());
        JsonNode parameters = visit.effectiveInput(state.io());
        ExecutionSpec spec = run.spec();
        // A function ARN is recorded as LambdaFunction* events; the lambda:invoke integration as Task* events.
        boolean function = resource.lambdaFunction();
        ObjectNode scheduled = function ? Json.object().put("resource", resource.arn()) : resourceFields(resource);
        if (function) {
            scheduled.put("input", Json.write(parameters)).putObject("inputDetails").put("truncated", false);
        } else {
            scheduled.put("region", spec.region()).put("parameters", Json.write(parameters));
        }
        visit.record(function ? "LambdaFunctionScheduled" : "TaskScheduled", scheduled);
        visit.record(function ? "LambdaFunctionStarted" : "TaskStarted", function ? null : resourceFields(resource));
        ObjectNode ended = function ? Json.object() : resourceFields(resource);
        JsonNode result;
        try {
            result = invoke(new TaskCall(resource, parameters, spec.region(), spec.accountId(), spec.executionArn(),
                    state.name()));
            visit.checkResult(StateVisit.utf8(result).length);
        } catch (StatesError e) {
            visit.record(function ? "LambdaFunctionFailed" : "TaskFailed", ended.setAll(errorDetails(e.error(), e.cause())));
            throw e;
        }
        ended.put("output", Json.write(result)).putObject("outputDetails").put("truncated", false);
        visit.record(function ? "LambdaFunctionSucceeded" : "TaskSucceeded", ended);
        return visit.output(state.io(), result);
    }

    private static ObjectNode resourceFields(TaskResource resource) {
        return Json.object().put("resourceType", "lambda").put("resource", resource.resource());
    }

    private JsonNode invoke(TaskCall call) {
        try {
            return engine.invoker().invoke(call);
        } catch (StatesError | ExecutionInterrupted e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StatesError(ErrorNames.TASK_FAILED, "the task invoker failed: " + e);
        }
    }

    /**
     * Retry and Catch around one attempt at the state's work. The first retrier whose ErrorEquals matches decides:
     * it retries after its delay (on the strand's virtual clock) until its own MaxAttempts are spent, then the first
     * matching catcher, if any, puts {@code {"Error", "Cause"}} at its ResultPath and goes to its Next.
     */
    private Outcome withErrorHandling(StateVisit visit, ErrorHandling handling, String next, Supplier<JsonNode> attempt) {
        List<Retrier> retriers = handling.retriers();
        int[] attempts = new int[retriers.size()];
        while (true) {
            try {
                return new Outcome(attempt.get(), next);
            } catch (StatesError e) {
                run.checkActive(visit.strand());
                int index = 0;
                while (index < retriers.size() && !ErrorNames.matches(retriers.get(index).errorEquals(), e.error())) {
                    index++;
                }
                if (index < retriers.size() && attempts[index] < retriers.get(index).maxAttempts()) {
                    Duration delay = retriers.get(index).delayBeforeRetry(attempts[index]++, run::nextJitter);
                    visit.retried();
                    run.pause(visit.strand(), delay);
                    continue;
                }
                for (Catcher catcher : handling.catchers()) {
                    if (ErrorNames.matches(catcher.errorEquals(), e.error())) {
                        ObjectNode error = Json.object().put("Error", e.error());
                        if (e.cause() != null) {
                            error.put("Cause", e.cause());
                        }
                        return new Outcome(visit.placeResult(catcher.resultPath(), error), catcher.next());
                    }
                }
                throw e;
            }
        }
    }

    /** A variable of another type than the operand compares false; a missing variable is a States.Runtime error. */
    private static boolean matches(ChoiceRule rule, JsonNode input, StateVisit visit) {
        if (rule instanceof ChoiceRule.Or or) {
            return or.rules().stream().anyMatch(r -> matches(r, input, visit));
        }
        ChoiceRule.Comparison comparison = (ChoiceRule.Comparison) rule;
        JsonNode value = comparison.variable().find(input,
                comparison.variable().readsContext() ? visit.contextObject() : null);
        if (value == null) {
            throw visit.runtimeError("Invalid path '" + comparison.variable().text()
                    + "': The choice state's condition path references an invalid value.");
        }
        return comparison.operator().equals(ChoiceRule.STRING_EQUALS)
                ? value.isTextual() && value.textValue().equals(comparison.operand().textValue())
                : value.isBoolean() && value.booleanValue() == comparison.operand().booleanValue();
    }

    private static long seconds(WaitState state, JsonNode input, StateVisit visit) {
        JsonNode seconds = visit.select(state.secondsPath(), input, "SecondsPath");
        if (!seconds.isIntegralNumber() || seconds.longValue() < 0) {
            throw visit.runtimeError("The SecondsPath parameter does not reference a valid non-negative integer: "
                    + Json.write(seconds));
        }
        return seconds.longValue();
    }

    /** The error a Fail state ends its graph with. */
    private static StatesError fail(FailState state, StateVisit visit) {
        String error = state.errorPath() == null ? state.error() : text(state.errorPath(), "ErrorPath", visit);
        String cause = state.causePath() == null ? state.cause() : text(state.causePath(), "CausePath", visit);
        return new StatesError(error, cause);
    }

    private static String text(DynamicValue value, String field, StateVisit visit) {
        JsonNode node;
        try {
            node = value.evaluate(visit.rawInput(), visit.contextObject(), field);
        } catch (StatesError e) {
            throw visit.runtimeError(e.cause());
        }
        if (!node.isTextual()) {
            throw visit.runtimeError("The value of " + field + " must be a string, got " + Json.write(node));
        }
        return node.textValue();
    }

    static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = Json.object();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }
}
