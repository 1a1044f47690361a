package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.asl.ChoiceState;
import dev.pim.local.stepfunctions.asl.FailState;
import dev.pim.local.stepfunctions.asl.MapState;
import dev.pim.local.stepfunctions.asl.PassState;
import dev.pim.local.stepfunctions.asl.State;
import dev.pim.local.stepfunctions.asl.StateGraph;
import dev.pim.local.stepfunctions.asl.SucceedState;
import dev.pim.local.stepfunctions.asl.TaskState;
import dev.pim.local.stepfunctions.asl.WaitState;

/**
 * Runs graphs of states for one execution: the state loop, and each state type handed to its step.
 */
final class Interpreter {
    private final ExecutionRun run;
    private final EngineRuntime runtime;
    private final TaskStep tasks;
    private final MapStep maps;

    Interpreter(ExecutionRun run, EngineRuntime runtime) {
        this.run = run;
        this.runtime = runtime;
        this.tasks = new TaskStep(runtime);
        this.maps = new MapStep(this);
    }

    ExecutionRun run() {
        return run;
    }

    EngineRuntime runtime() {
        return runtime;
    }

    /** Runs a graph from its StartAt until a state ends it; returns the last state's output. */
    JsonNode runGraph(StateGraph graph, JsonNode input, Strand strand) {
        String name = graph.startAt();
        JsonNode data = input;
        while (true) {
            run.checkActive(strand);
            Outcome outcome = execute(graph.state(name), data, strand);
            if (outcome.next() == null) {
                return outcome.output();
            }
            name = outcome.next();
            data = outcome.output();
        }
    }

    private Outcome execute(State state, JsonNode input, Strand strand) {
        StateVisit visit = StateVisit.enter(run, state, strand, input);
        if (state instanceof PassState pass) {
            return FlowSteps.pass(pass, visit);
        }
        if (state instanceof TaskState task) {
            return tasks.run(task, visit);
        }
        if (state instanceof ChoiceState choice) {
            return FlowSteps.choice(choice, visit);
        }
        if (state instanceof WaitState wait) {
            return FlowSteps.waitFor(wait, visit);
        }
        if (state instanceof SucceedState succeed) {
            return FlowSteps.succeed(succeed, visit);
        }
        if (state instanceof FailState fail) {
            throw FlowSteps.fail(fail, visit);
        }
        return maps.run((MapState) state, visit);
    }
}
