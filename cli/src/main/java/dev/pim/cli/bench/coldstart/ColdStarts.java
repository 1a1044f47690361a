package dev.pim.cli.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pim.ledger.JournalTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Measures each function's cold start as Lambda's Java runtime would see it: a fresh JVM with the function's
 * package (template.yaml's CodeUri, built by Maven) and Lambda's flags, from JVM start to the handler's first
 * response, against the local cloud at an endpoint; and the same for a hello-world handler packaged the same way.
 * The functions run in the pipeline's order with the sample events of {@code events/handlers/}, on the run the
 * first Preflight opens (cluster {@code demo}: the endpoint's fixture must have it); once Discover planned it, the
 * run is applied in this JVM so that each later step answers at once (see {@link RunPreparation}). The
 * fleet's functions (FleetScan, Dispatch: queues and a schedule) are not measured.
 */
public final class ColdStarts {
    /** The flags of Lambda's java21 runtime that matter for a start (tiered compilation stopped at C1, serial GC). */
    public static final List<String> JAVA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto");
    static final String REGION = "us-west-2";
    static final String TABLE = "pim-cold-start";
    /** The state machine's order: each function's event needs what the ones before it left (a run, a plan). */
    public static final List<String> PIPELINE = List.of("PreflightFunction", "DiscoverFunction", "EnsureAgentFunction",
            "AgentStatusFunction", "UpdateTrustFunction", "CreateAssociationsFunction", "MigrateAddonFunction",
            "RestartWorkloadsFunction", "RemoveAnnotationsFunction", "VerifyFunction", "StripOidcTrustFunction",
            "MigrateRoleBatchFunction", "StripOidcTrustBatchFunction", "ReportFunction");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStarts() {
    }

    public static ColdStartReport measure(int runs, URI endpoint) {
        return measure(runs, endpoint, function -> true);
    }

    /** @param functions which of the pipeline's functions to measure (logical ids of template.yaml) */
    public static ColdStartReport measure(int runs, URI endpoint, Predicate<String> functions) {
        if (runs < 1 || runs > 100) {
            throw new IllegalArgumentException("cold-start runs must be within 1..100, got " + runs);
        }
        Path root = ProjectRoot.find();
        Path work;
        try {
            work = Files.createTempDirectory("pim-cold-start");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory", e);
        }
        try {
            createTable(endpoint);
            Path probe = LambdaPackage.probe(work.resolve("runtime"));
            ProbeRunner runner = new ProbeRunner(probe, endpoint, work);
            LambdaPackage hello = LambdaPackage.unpack(LambdaPackage.helloWorld(work.resolve("hello-world.zip")),
                    work.resolve("hello-world"));
            ColdStartRow helloRow = runner.measure("HelloWorld", HelloWorldHandler.class.getName(), hello,
                    JSON.createObjectNode().put("hello", "world"), runs);
            Map<String, LambdaPackage> unpacked = new LinkedHashMap<>();
            List<ColdStartRow> rows = new ArrayList<>();
            String runId = null;
            for (Map.Entry<String, TemplateFunction> e : TemplateFunction.read(root.resolve("template.yaml")).entrySet()) {
                if (!PIPELINE.contains(e.getKey()) || !functions.test(e.getKey())) {
                    continue;
                }
                TemplateFunction function = e.getValue();
                LambdaPackage lambda = unpacked.computeIfAbsent(function.codeUri(), uri -> LambdaPackage.unpack(
                        root.resolve(uri), work.resolve("package-" + unpacked.size())));
                ObjectNode event = event(root, function.handlerClass(), runId);
                ColdStartRow row = runner.measure(e.getKey(), function.handlerClass(), lambda, event, runs);
                if (runId == null) {
                    runId = runner.lastResponse().path("runId").asText(null);
                }
                if (e.getKey().equals("DiscoverFunction")) {
                    // The run is planned: the later steps' events need it applied (see RunPreparation).
                    RunPreparation.apply(endpoint, event.at("/input/cluster").asText(), runId);
                }
                rows.add(row);
            }
            return new ColdStartReport(helloRow, rows, runs, String.join(" ", JAVA_FLAGS));
        } finally {
            delete(work);
        }
    }

    /** The sample event of a handler ({@code PreflightHandler} → preflight.json) with the run the first Preflight opened. */
    private static ObjectNode event(Path root, String handlerClass, String runId) {
        String simple = handlerClass.substring(handlerClass.lastIndexOf('.') + 1).replaceFirst("Handler$", "");
        String name = simple.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + ".json";
        Path file = root.resolve("events/handlers").resolve(name);
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(file.toFile());
            // A step's event names its run at the top, a role batch's in the Map's BatchInput.
            ObjectNode carrier = event.has("BatchInput") ? (ObjectNode) event.get("BatchInput") : event;
            if (carrier.has("runId")) {
                if (runId == null) {
                    throw new IllegalStateException(handlerClass + " needs a run: measure PreflightFunction too");
                }
                carrier.put("runId", runId);
            }
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException("no sample event " + file + " for " + handlerClass, e);
        }
    }

    private static void createTable(URI endpoint) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            JournalTable.create(dynamo, TABLE);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    /** A function of template.yaml: its handler class and package (its CodeUri, or the Globals one). */
    record TemplateFunction(String handlerClass, String codeUri) {
        static Map<String, TemplateFunction> read(Path template) {
            JsonNode yaml;
            try {
                yaml = new ObjectMapper(new YAMLFactory()).readTree(template.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + template, e);
            }
            String globalCodeUri = yaml.at("/Globals/Function/CodeUri").asText(null);
            Map<String, TemplateFunction> out = new LinkedHashMap<>();
            yaml.path("Resources").fields().forEachRemaining(e -> {
                JsonNode props = e.getValue().path("Properties");
                if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                    String codeUri = props.path("CodeUri").asText(globalCodeUri);
                    if (codeUri == null || !codeUri.endsWith(".zip")) {
                        throw new IllegalStateException(template + ": function " + e.getKey()
                                + " has no package (CodeUri of a .zip Maven builds), got " + codeUri);
                    }
                    out.put(e.getKey(), new TemplateFunction(props.path("Handler").asText().split("::")[0], codeUri));
                }
            });
            return out;
        }
    }
}
