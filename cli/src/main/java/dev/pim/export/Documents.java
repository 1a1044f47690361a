package dev.pim.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** YAML and JSON writing shared by the renderers, and the trust policy as a document tree. */
final class Documents {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Every string quoted: an account id or {@code 2012-10-17} must not read back as a number or a date. */
    static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).build());

    private Documents() {
    }

    static String yaml(JsonNode document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trust policy as a tree; one IAM returned is JSON, so a failure here is a bug, said with the role. */
    static JsonNode policy(ExportedRole role) {
        try {
            return JSON.readTree(role.trustPolicy());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("role " + role.name() + ": its trust policy is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String prettyJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines as {@code # } comments. */
    static String comments(List<String> lines) {
        return lines.stream().map(l -> l.isEmpty() ? "#" : "# " + l).collect(Collectors.joining("\n", "", "\n"));
    }
}
