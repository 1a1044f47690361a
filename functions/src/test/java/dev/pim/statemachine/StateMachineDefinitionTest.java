package dev.pim.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.migration.apply.Workflow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed state machine is what {@link StateMachineGenerator} makes of {@link Workflow#MIGRATION}: a change to
 * the workflow without regenerating the file, or an edit of the file by hand, fails here naming the state. With
 * {@code -Dpim.regenerate=true} it writes the file first.
 */
class StateMachineDefinitionTest {
    /** The build's flag to write the generated files over the committed ones instead of failing on a difference. */
    static final boolean REGENERATE = Boolean.getBoolean("pim.regenerate");
    private static final Path COMMITTED = Path.of("..").resolve(StateMachineGenerator.DEFINITION);
    private static final Path GENERATED = Path.of("target", "generated-statemachine", "migrate-cluster.asl.json");

    @Test
    void committedDefinitionIsWhatTheWorkflowGenerates() throws IOException {
        String generated = new StateMachineGenerator(Workflow.MIGRATION).text();
        // Kept for the fix: copy it over the committed file (or run StateMachineGenerator.main).
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, generated, StandardCharsets.UTF_8);
        if (REGENERATE) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);

        List<String> differences = differences(AslJson.MAPPER.readTree(committed), AslJson.MAPPER.readTree(generated));
        assertTrue(differences.isEmpty(), COMMITTED + " is not what the workflow generates; regenerate it (mvn -o -pl functions "
                + "-Dtest='StateMachineDefinitionTest,TemplateFunctionsTest' -Dpim.regenerate=true test)\n  " + String.join("\n  ", differences));
        assertEquals(committed, generated, "same states, laid out differently: regenerate " + StateMachineGenerator.DEFINITION);
    }

    @Test
    void everyWorkflowStepIsAStateOfTheDefinition() {
        JsonNode states = new StateMachineGenerator(Workflow.MIGRATION).definition().path("States");
        Workflow.MIGRATION.steps().forEach(step -> assertTrue(states.has(step.name()), "no state for step " + step.name()));
    }

    @Test
    void everyLambdaTaskRetriesTheLambdaServiceErrors() {
        List<String> without = new ArrayList<>();
        tasks(new StateMachineGenerator(Workflow.MIGRATION).definition().path("States"), without);
        assertEquals(List.of(), without, "Lambda tasks without a retry on Lambda.ServiceException");
    }

    private static void tasks(JsonNode states, List<String> withoutRetry) {
        states.fields().forEachRemaining(e -> {
            JsonNode state = e.getValue();
            if (state.path("Type").asText().equals("Task") && !state.path("Retry").toString().contains("Lambda.ServiceException")) {
                withoutRetry.add(e.getKey());
            }
            tasks(state.path("ItemProcessor").path("States"), withoutRetry);
        });
    }

    /** Per state (nested ones under their Map), what the committed file has that the generator does not, or the reverse. */
    static List<String> differences(JsonNode committed, JsonNode generated) {
        List<String> out = new ArrayList<>();
        for (String field : List.of("Comment", "StartAt")) {
            if (!committed.path(field).equals(generated.path(field))) {
                out.add("definition " + field + ": committed " + committed.path(field) + ", generated " + generated.path(field));
            }
        }
        compareStates("", committed.path("States"), generated.path("States"), out);
        return out;
    }

    private static void compareStates(String prefix, JsonNode committed, JsonNode generated, List<String> out) {
        Set<String> names = new TreeSet<>();
        committed.fieldNames().forEachRemaining(names::add);
        generated.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode c = committed.get(name);
            JsonNode g = generated.get(name);
            if (c == null || g == null) {
                out.add("state " + prefix + name + ": only in the " + (c == null ? "generated" : "committed") + " definition");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = fieldsOfBoth(c, g); it.hasNext(); ) {
                String field = it.next().getKey();
                if (field.equals("ItemProcessor")) {
                    compareStates(prefix + name + " > ", c.path(field).path("States"), g.path(field).path("States"), out);
                    ObjectNode committedProcessor = c.path(field).deepCopy();
                    ObjectNode generatedProcessor = g.path(field).deepCopy();
                    if (!committedProcessor.without("States").equals(generatedProcessor.without("States"))) {
                        out.add("state " + prefix + name + ": ItemProcessor differs");
                    }
                } else if (!c.path(field).equals(g.path(field))) {
                    out.add("state " + prefix + name + ": " + field + " committed " + shown(c.path(field)) + ", generated "
                            + shown(g.path(field)));
                }
            }
        }
    }

    private static String shown(JsonNode value) {
        return value.isMissingNode() ? "(none)" : value.toString();
    }

    private static Iterator<Map.Entry<String, JsonNode>> fieldsOfBoth(JsonNode c, JsonNode g) {
        ObjectNode both = c.deepCopy();
        g.fields().forEachRemaining(e -> both.putIfAbsent(e.getKey(), e.getValue()));
        return both.fields();
    }
}
