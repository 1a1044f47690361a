package dev.pim.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deployed pipeline as {@code template.yaml} declares it: each function's handler class and timeout, and
 * the state machine's definition with its {@code DefinitionSubstitutions}. Read from the copies packaged in
 * the CLI, so the local run uses exactly the files {@code sam deploy} uses.
 *
 * @param functions function logical id → its handler class and timeout
 * @param substitutions definition placeholder → the function logical id whose ARN replaces it
 */
public record PipelineTemplate(Map<String, Function> functions, Map<String, String> substitutions, String definition) {
    public static final String STATE_MACHINE = "MigrateClusterStateMachine";

    public record Function(String handlerClass, Duration timeout) {
    }

    public static PipelineTemplate load() {
        JsonNode template = readYaml("pipeline/template.yaml");
        JsonNode machine = template.at("/Resources/" + STATE_MACHINE + "/Properties");
        String definitionUri = machine.path("DefinitionUri").asText();
        Duration defaultTimeout = Duration.ofSeconds(template.at("/Globals/Function/Timeout").asLong(3));
        Map<String, Function> functions = new LinkedHashMap<>();
        template.path("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                JsonNode props = e.getValue().path("Properties");
                String handler = props.path("Handler").asText();
                long timeout = props.path("Timeout").asLong(defaultTimeout.toSeconds());
                functions.put(e.getKey(), new Function(handler.split("::")[0], Duration.ofSeconds(timeout)));
            }
        });
        Map<String, String> substitutions = new LinkedHashMap<>();
        // "!GetAtt PreflightFunction.Arn" reads as the plain text "PreflightFunction.Arn".
        machine.path("DefinitionSubstitutions").fields().forEachRemaining(e ->
                substitutions.put(e.getKey(), e.getValue().asText().replaceFirst("\\.Arn$", "")));
        return new PipelineTemplate(functions, substitutions, readText("pipeline/" + definitionUri));
    }

    /** The definition with each placeholder replaced by its function's ARN in this account and region. */
    public String definitionFor(String region, String account) {
        String out = definition;
        for (Map.Entry<String, String> e : substitutions.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", functionArn(region, account, e.getValue()));
        }
        if (out.contains("${")) {
            throw new IllegalStateException("the state machine definition has a placeholder template.yaml does not substitute: "
                    + out.substring(out.indexOf("${"), Math.min(out.length(), out.indexOf("${") + 40)));
        }
        return out;
    }

    public static String functionArn(String region, String account, String functionName) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + functionName;
    }

    private static JsonNode readYaml(String resource) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(readText(resource));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + resource, e);
        }
    }

    private static String readText(String resource) {
        try (InputStream in = PipelineTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not packaged in the CLI: rebuild it (mvn package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
