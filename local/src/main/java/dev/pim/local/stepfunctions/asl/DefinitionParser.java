package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.Json;

import java.util.ArrayList;
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
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("Comment", "StartAt", "States", "TimeoutSeconds",
            "Version", "QueryLanguage");
    private static final Set<String> GRAPH_FIELDS = Set.of("Comment", "StartAt", "States", "ProcessorConfig");

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
        top.allowOnly(TOP_LEVEL_FIELDS);
        checkQueryLanguage(top);
        String version = top.string("Version");
        if (version != null && !version.equals("1.0")) {
            top.problem("SCHEMA_VALIDATION_FAILED", "The field 'Version' must be \"1.0\"", "Version");
        }
        if (top.has("TimeoutSeconds")) {
            top.unsupported("TimeoutSeconds");
        }
        StateGraph graph = graph(top, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new StateMachineDefinition(graph, top.string("Comment"));
    }

    /** Parses {StartAt, States} at {@code fields}' pointer, then checks its transitions. */
    static StateGraph graph(Fields fields, List<String> problems) {
        fields.require("StartAt", "States");
        String startAt = fields.string("StartAt");
        JsonNode statesNode = fields.object("States");
        Map<String, State> states = new LinkedHashMap<>();
        if (statesNode != null) {
            statesNode.fieldNames().forEachRemaining(name -> {
                String pointer = fields.at("States") + "/" + name;
                JsonNode stateNode = statesNode.get(name);
                if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
                    problems.add("SCHEMA_VALIDATION_FAILED: State names must be 1 to " + MAX_STATE_NAME_LENGTH
                            + " characters at " + pointer);
                }
                if (!stateNode.isObject()) {
                    problems.add("SCHEMA_VALIDATION_FAILED: Expected value of type: Object at " + pointer);
                    return;
                }
                State state = StateParser.parse(name, new Fields(stateNode, pointer, problems));
                if (state != null) {
                    states.put(name, state);
                }
            });
        }
        StateGraph graph = new StateGraph(startAt, states);
        if (startAt != null && statesNode != null) {
            new GraphValidator(graph, fields, statesNode).validate();
        }
        return graph;
    }

    /** A nested graph (a Map's ItemProcessor). */
    static StateGraph nestedGraph(JsonNode node, String pointer, List<String> problems, Set<String> extraFields) {
        if (node == null || !node.isObject()) {
            problems.add("SCHEMA_VALIDATION_FAILED: Expected value of type: Object at " + pointer);
            return null;
        }
        Fields fields = new Fields(node, pointer, problems);
        fields.allowOnly(extraFields.isEmpty() ? Set.of("Comment", "StartAt", "States") : GRAPH_FIELDS);
        checkQueryLanguage(fields);
        return graph(fields, problems);
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
}
