package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a graph's transitions: StartAt and every Next, Default and Catch target name a state of the same
 * graph (an ItemProcessor cannot jump out of its Map), and every state can be reached from StartAt.
 */
final class GraphValidator {
    private final StateGraph graph;
    private final Fields fields;
    private final JsonNode statesNode;

    GraphValidator(StateGraph graph, Fields fields, JsonNode statesNode) {
        this.graph = graph;
        this.fields = fields;
        this.statesNode = statesNode;
    }

    void validate() {
        if (!statesNode.has(graph.startAt())) {
            fields.problem("MISSING_TRANSITION_TARGET", "Missing 'StartAt' target: " + graph.startAt(), "StartAt");
            return;
        }
        for (State state : graph.states().values()) {
            for (Transition t : transitions(state)) {
                if (!statesNode.has(t.target())) {
                    fields.problem("MISSING_TRANSITION_TARGET", "Missing '" + t.field().replaceAll(".*/", "")
                            + "' target: " + t.target(), "States/" + state.name() + "/" + t.field());
                }
            }
        }
        Set<String> reached = reachable();
        for (String name : graph.states().keySet()) {
            if (!reached.contains(name)) {
                fields.problem("UNREACHABLE_STATE", "State \"" + name + "\" is not reachable.", "States/" + name);
            }
        }
    }

    private record Transition(String field, String target) {
    }

    private Set<String> reachable() {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(graph.startAt()));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            State state = graph.states().get(name);
            if (state == null || !seen.add(name)) {
                continue;
            }
            transitions(state).forEach(t -> todo.push(t.target()));
        }
        return seen;
    }

    private static List<Transition> transitions(State state) {
        List<Transition> out = new ArrayList<>();
        if (state instanceof ChoiceState choice) {
            for (int i = 0; i < choice.choices().size(); i++) {
                out.add(new Transition("Choices/" + i + "/Next", choice.choices().get(i).next()));
            }
            if (choice.defaultNext() != null) {
                out.add(new Transition("Default", choice.defaultNext()));
            }
            return out;
        }
        if (state.next() != null) {
            out.add(new Transition("Next", state.next()));
        }
        List<Catcher> catchers = state.errors().catchers();
        for (int i = 0; i < catchers.size(); i++) {
            out.add(new Transition("Catch/" + i + "/Next", catchers.get(i).next()));
        }
        return out;
    }
}
