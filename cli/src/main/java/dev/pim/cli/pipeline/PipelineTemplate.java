package dev.pim.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The deployed pipeline as {@code template.yaml} declares it: each function's handler class, timeout and
 * environment variables, the state machine's definition with its {@code DefinitionSubstitutions}, the queues
 * and the SQS triggers of the functions. Read from the copies packaged in the CLI, so the local run uses
 * exactly the files {@code sam deploy} uses.
 *
 * @param functions     function logical id → its handler class, timeout and environment variable names
 * @param substitutions definition placeholder → the function logical id whose ARN replaces it
 * @param queues        queue logical id → its settings
 */
public record PipelineTemplate(Map<String, Function> functions, Map<String, String> substitutions, String definition,
                               Map<String, Queue> queues, List<SqsTrigger> sqsTriggers) {
    public static final String STATE_MACHINE = "MigrateClusterStateMachine";

    /** @param environment the names of the function's own variables and of the global ones */
    public record Function(String handlerClass, Duration timeout, Set<String> environment) {
    }

    /** @param deadLetterQueue the logical id of the redrive target, or null */
    public record Queue(int visibilityTimeoutSeconds, String deadLetterQueue, int maxReceiveCount) {
    }

    /** An {@code SQS} event of a function: the queue's logical id and the mapping's settings. */
    public record SqsTrigger(String function, String queue, int batchSize, int maximumBatchingWindowSeconds,
                             boolean reportBatchItemFailures) {
    }

    public static PipelineTemplate load() {
        JsonNode template = readYaml("pipeline/template.yaml");
        JsonNode machine = template.at("/Resources/" + STATE_MACHINE + "/Properties");
        String definitionUri = machine.path("DefinitionUri").asText();
        Duration defaultTimeout = Duration.ofSeconds(template.at("/Globals/Function/Timeout").asLong(3));
        Set<String> globalVariables = names(template.at("/Globals/Function/Environment/Variables"));
        Map<String, Function> functions = new LinkedHashMap<>();
        Map<String, Queue> queues = new LinkedHashMap<>();
        List<SqsTrigger> triggers = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(e -> {
            JsonNode props = e.getValue().path("Properties");
            switch (e.getValue().path("Type").asText()) {
                case "AWS::Serverless::Function" -> {
                    String handler = props.path("Handler").asText();
                    long timeout = props.path("Timeout").asLong(defaultTimeout.toSeconds());
                    Set<String> environment = new TreeSet<>(globalVariables);
                    environment.addAll(names(props.at("/Environment/Variables")));
                    functions.put(e.getKey(), new Function(handler.split("::")[0], Duration.ofSeconds(timeout), environment));
                    props.path("Events").forEach(event -> {
                        if (event.path("Type").asText().equals("SQS")) {
                            triggers.add(sqsTrigger(e.getKey(), event.path("Properties")));
                        }
                    });
                }
                case "AWS::SQS::Queue" -> queues.put(e.getKey(), new Queue(props.path("VisibilityTimeout").asInt(30),
                        props.at("/RedrivePolicy/deadLetterTargetArn").isMissingNode() ? null
                                : logicalId(props.at("/RedrivePolicy/deadLetterTargetArn")),
                        props.at("/RedrivePolicy/maxReceiveCount").asInt(0)));
                default -> {
                }
            }
        });
        Map<String, String> substitutions = new LinkedHashMap<>();
        // "!GetAtt PreflightFunction.Arn" reads as the plain text "PreflightFunction.Arn", "!Ref PreflightFunction.Alias"
        // (the SnapStart alias) as "PreflightFunction.Alias".
        machine.path("DefinitionSubstitutions").fields().forEachRemaining(e ->
                substitutions.put(e.getKey(), e.getValue().asText().replaceFirst("\\.(Arn|Alias)$", "")));
        return new PipelineTemplate(functions, substitutions, readText("pipeline/" + definitionUri), queues, triggers);
    }

    private static SqsTrigger sqsTrigger(String function, JsonNode props) {
        boolean reportFailures = false;
        for (JsonNode type : props.path("FunctionResponseTypes")) {
            reportFailures |= type.asText().equals("ReportBatchItemFailures");
        }
        return new SqsTrigger(function, logicalId(props.path("Queue")), props.path("BatchSize").asInt(10),
                props.path("MaximumBatchingWindowInSeconds").asInt(0), reportFailures);
    }

    /** {@code !GetAtt MigrationQueue.Arn} and {@code !Ref MigrationQueue} read as text; the logical id in them. */
    private static String logicalId(JsonNode reference) {
        return reference.asText().replaceFirst("\\.Arn$", "");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
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
