package dev.pim.cli.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the probe in fresh JVMs, one package and handler at a time, with the environment Lambda would give it. */
final class ProbeRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;

    private final Path probe;
    private final URI endpoint;
    private final Path work;
    private JsonNode lastResponse;

    ProbeRunner(Path probe, URI endpoint, Path work) {
        this.probe = probe;
        this.endpoint = endpoint;
        this.work = work;
    }

    /** {@code runs} cold starts of a handler: median milliseconds to its response, and the classes loaded by then. */
    ColdStartRow measure(String function, String handlerClass, LambdaPackage lambda, JsonNode event, int runs) {
        Path eventFile = work.resolve(function + ".json");
        List<Long> millis = new ArrayList<>();
        List<Long> classes = new ArrayList<>();
        try {
            Files.writeString(eventFile, JSON.writeValueAsString(event));
            for (int i = 0; i < runs; i++) {
                JsonNode result = run(function, handlerClass, lambda, eventFile);
                millis.add(result.path("millis").asLong());
                classes.add(result.path("classes").asLong());
                lastResponse = JSON.readTree(result.path("response").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + function, e);
        }
        return new ColdStartRow(function, handlerClass, lambda.usesKubernetes(), lambda.bytes(), median(millis),
                (long) median(classes));
    }

    /** The response of the last run (the first Preflight's opens the run the other functions use). */
    JsonNode lastResponse() {
        return lastResponse;
    }

    private JsonNode run(String function, String handlerClass, LambdaPackage lambda, Path eventFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ColdStarts.JAVA_FLAGS);
        command.addAll(List.of("-cp", lambda.classpath(probe), ColdStartProbe.class.getName(), handlerClass,
                eventFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_") || k.startsWith("JDK_")
                || k.startsWith("POWERTOOLS_") || k.startsWith("_JAVA"));
        env.putAll(Map.of("AWS_REGION", ColdStarts.REGION, "AWS_DEFAULT_REGION", ColdStarts.REGION,
                "AWS_ENDPOINT_URL", endpoint.toString(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_LAMBDA_FUNCTION_NAME", function, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024",
                "JOURNAL_TABLE", ColdStarts.TABLE, "DEFAULT_MAX_CONCURRENCY", "4",
                "POWERTOOLS_LOG_LEVEL", "WARN"));
        Path output = work.resolve(function + ".out");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(function + " gave no response within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + function, e);
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        String line = lines.stream().filter(l -> l.startsWith(ColdStartProbe.MARKER)).findFirst().orElseThrow(() ->
                new IllegalStateException(function + " (" + handlerClass + ") printed no result, exit "
                        + process.exitValue() + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))));
        JsonNode result = JSON.readTree(line.substring(ColdStartProbe.MARKER.length()));
        if (!result.path("error").isNull()) {
            throw new IllegalStateException(function + " (" + handlerClass + ") failed at its first invocation: "
                    + result.path("error").asText());
        }
        return result;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
