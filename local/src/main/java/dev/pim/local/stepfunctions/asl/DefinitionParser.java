package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.Json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates a state machine definition (Amazon States Language, JSONPath query language), refusing
 * what CreateStateMachine refuses: every problem is reported at once, each with the JSON pointer of its field.
 */
public final class DefinitionParser {
    static final int MAX_STATE_NAME_LENGTH = 80;

    private DefinitionParser() {
    }

    /** @throws InvalidDefinitionException listing every problem found */
    public static StateMachineDefinition parse(String text) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException(List.of("INVALID_JSON_DESCRIPTION: " + e.getMessage()));
        }
        if (!root.isObject()) {
            throw new InvalidDefinitionException(List.of("SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /"));
        }
        Fields top = new Fields(root, "", problems);
        top.allowOnly(Set.of("StartAt", "States", "Version", "QueryLanguage"));
        String version = top.string("Version");
        if (version != null && !version.equals("1.0")) {
            top.problem("SCHEMA_VALIDATION_FAILED", "The field 'Version' must be \"1.0\"", "Version");
        }
        StateGraph graph = graph(top);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new StateMachineDefinition(graph);
    }

    /** Parses {StartAt, States} (the top level or a Map's ItemProcessor), then checks its transitions. */
    static StateGraph graph(Fields fields) {
        checkQueryLanguage(fields);
        fields.require("StartAt", "States");
        String startAt = fields.string("StartAt");
        JsonNode statesNode = fields.object("States");
        Map<String, State> states = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : statesNode == null ? Set.<Map.Entry<String, JsonNode>>of() : statesNode.properties()) {
            String name = entry.getKey();
            Fields state = new Fields(entry.getValue(), fields.at("States/" + name), fields.problems());
            if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
                state.problem("SCHEMA_VALIDATION_FAILED", "State names must be 1 to " + MAX_STATE_NAME_LENGTH + " characters", null);
            }
            if (!entry.getValue().isObject()) {
                state.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Object", null);
            } else {
                State parsed = StateParser.parse(name, state);
                if (parsed != null) {
                    states.put(name, parsed);
                }
            }
        }
        StateGraph graph = new StateGraph(startAt, states);
        if (startAt != null && statesNode != null) {
            checkTransitions(graph, fields, statesNode);
        }
        return graph;
    }

    static void checkQueryLanguage(Fields fields) {
        String language = fields.string("QueryLanguage");
        if ("JSONata".equals(language)) {
            fields.problem("UNSUPPORTED_FEATURE", "QueryLanguage JSONata is not supported by the local Step Functions:"
                    + " it runs JSONPath definitions only", "QueryLanguage");
        } else if (language != null && !language.equals("JSONPath")) {
            fields.problem("SCHEMA_VALIDATION_FAILED", "The field 'QueryLanguage' should have one of these values:"
                    + " [JSONPath, JSONata]", "QueryLanguage");
        }
    }

    /**
     * StartAt and every Next, Default and Catch target name a state of the same graph (an ItemProcessor cannot
     * jump out of its Map), and every state can be reached from StartAt. A state refused as too broken to build
     * still counts as a target.
     */
    private static void checkTransitions(StateGraph graph, Fields fields, JsonNode statesNode) {
        if (!statesNode.has(graph.startAt())) {
            fields.problem("MISSING_TRANSITION_TARGET", "Missing 'StartAt' target: " + graph.startAt(), "StartAt");
            return;
        }
        for (State state : graph.states().values()) {
            transitions(state).forEach((field, target) -> {
                if (!statesNode.has(target)) {
                    fields.problem("MISSING_TRANSITION_TARGET", "Missing '" + field.replaceAll(".*/", "") + "' target: "
                            + target, "States/" + state.name() + "/" + field);
                }
            });
        }
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(graph.startAt()));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (graph.states().containsKey(name) && reached.add(name)) {
                todo.addAll(transitions(graph.states().get(name)).values());
            }
        }
        graph.states().keySet().stream().filter(name -> !reached.contains(name)).forEach(name ->
                fields.problem("UNREACHABLE_STATE", "State \"" + name + "\" is not reachable.", "States/" + name));
    }

    /** A state's transitions: the field that names each target (as a pointer below the state), and the target. */
    private static Map<String, String> transitions(State state) {
        Map<String, String> out = new LinkedHashMap<>();
        if (state instanceof ChoiceState choice) {
            for (int i = 0; i < choice.choices().size(); i++) {
                out.put("Choices/" + i + "/Next", choice.choices().get(i).next());
            }
            if (choice.defaultNext() != null) {
                out.put("Default", choice.defaultNext());
            }
        }
        if (state.next() != null) {
            out.put("Next", state.next());
        }
        List<Catcher> catchers = state.errors().catchers();
        for (int i = 0; i < catchers.size(); i++) {
            out.put("Catch/" + i + "/Next", catchers.get(i).next());
        }
        return out;
    }
}
