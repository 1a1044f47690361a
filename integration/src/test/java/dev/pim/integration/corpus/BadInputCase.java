package dev.pim.integration.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One case of the bad-input corpus ({@code src/test/resources/bad-input/<kind>.yaml}): an id, why it is bad, the
 * input (fields that depend on the kind), what must be said about it ({@code expect}), and, for a case that shows
 * a defect not fixed yet, {@code knownDefect}: the case is then reported as skipped with that reason.
 *
 * @param file the corpus file's own fields (the fixture its cases run on...), which a case may override
 */
record BadInputCase(String kind, String id, String why, String knownDefect, JsonNode spec, JsonNode file) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The cases of one corpus file, each a dynamic test named by its id and why; a known defect is skipped. */
    static Stream<DynamicTest> tests(String kind, ThrowingConsumer<BadInputCase> run) {
        return load(kind).stream().map(c -> DynamicTest.dynamicTest(c.id() + ": " + c.why(), () -> {
            if (c.knownDefect() != null) {
                // Surefire's reports drop an aborted test's reason; the test output keeps it.
                System.out.println(kind + " case " + c.id() + " skipped, known defect: " + c.knownDefect());
                Assumptions.abort("known defect: " + c.knownDefect());
            }
            run.accept(c);
        }));
    }

    static List<BadInputCase> load(String kind) {
        String resource = "/bad-input/" + kind + ".yaml";
        JsonNode file;
        try (InputStream in = BadInputCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no corpus file " + resource);
            }
            file = YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
        List<BadInputCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode c : file.path("cases")) {
            String id = c.path("id").asText(null);
            if (id == null || c.path("why").asText("").isBlank() || !c.path("expect").isObject()) {
                throw new IllegalStateException(resource + ": every case needs an id, a why and an expect: " + c);
            }
            if (!ids.add(id)) {
                throw new IllegalStateException(resource + ": duplicate case id " + id);
            }
            ObjectNode header = ((ObjectNode) file).deepCopy();
            header.remove("cases");
            cases.add(new BadInputCase(kind, id, c.get("why").asText(), c.path("knownDefect").asText(null), c, header));
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException(resource + " has no cases");
        }
        return cases;
    }

    /** A field of the case, else of its file; null when neither has it. */
    String text(String field) {
        JsonNode value = spec.has(field) ? spec.get(field) : file.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    String required(String field) {
        String value = text(field);
        if (value == null) {
            throw new IllegalStateException(kind + " case " + id + " has no '" + field + "'");
        }
        return value;
    }

    List<String> strings(String field) {
        return strings(spec.has(field) ? spec.get(field) : file.path(field));
    }

    boolean flag(String field) {
        return "true".equals(text(field));
    }

    JsonNode expect() {
        return spec.get("expect");
    }

    String expected(String field) {
        JsonNode value = expect().get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The text fragments {@code expect.<field>} lists (a single string counts as one). */
    List<String> fragments(String field) {
        return strings(expect().path(field));
    }

    private static List<String> strings(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isValueNode()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
