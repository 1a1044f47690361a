package dev.pim.local.lambdaapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.lambdaapi.handlers.FailingHandler;
import dev.pim.local.lambdaapi.handlers.GreetingHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The API as the AWS CLI (botocore) speaks it; skipped, saying so, where the CLI is not installed. */
class LambdaCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    /**
     * How to pass a raw JSON payload: AWS CLI v2 reads blobs as base64 unless told otherwise; v1 takes them raw and
     * does not know the option.
     */
    private static List<String> rawPayload = List.of();

    @TempDir
    Path dir;

    private record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }
    }

    @BeforeAll
    static void requireTheAwsCli() throws IOException, InterruptedException {
        assumeTrue(onPath("aws"), "the AWS CLI ('aws') is not on the PATH: skipping the CLI wire-compatibility test");
        Result version = aws("--version");
        if ((version.stdout() + version.stderr()).startsWith("aws-cli/2")) {
            rawPayload = List.of("--cli-binary-format", "raw-in-base64-out");
        }
    }

    @BeforeEach
    void registerFunctions() {
        cloud.cloud().stepFunctions().lambdas().register("FleetScanFunction", GreetingHandler.class);
        cloud.cloud().stepFunctions().lambdas().register("Failing", FailingHandler.class);
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static Result lambda(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("lambda", "--endpoint-url", cloud.endpoint().toString(),
                "--region", "us-west-2", "--output", "json"));
        command.addAll(List.of(args));
        return aws(command.toArray(String[]::new));
    }

    /** {@code aws invoke} with a raw JSON payload. */
    private static Result invoke(String payload, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("invoke", "--payload", payload));
        command.addAll(rawPayload);
        command.addAll(List.of(args));
        return lambda(command.toArray(String[]::new));
    }

    private static Result aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_MAX_ATTEMPTS", "1");
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), stdout, stderr);
    }

    @Test
    void invokesAFunctionAndWritesItsResponseToTheOutfile() throws IOException, InterruptedException {
        Path out = dir.resolve("out.json");

        Result result = invoke("{\"name\": \"cli\"}", "--function-name", "FleetScanFunction", "--log-type", "Tail",
                out.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.json().path("StatusCode").asInt()).isEqualTo(200);
        assertThat(result.json().path("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(new String(Base64.getDecoder().decode(result.json().path("LogResult").asText()), StandardCharsets.UTF_8))
                .startsWith("START RequestId: ");
        JsonNode response = JSON.readTree(out.toFile());
        assertThat(response.path("greeting").asText()).isEqualTo("hello cli");
        assertThat(response.path("function").asText()).isEqualTo("FleetScanFunction");
    }

    @Test
    void reportsAFunctionErrorInTheOutputAndTheErrorJsonInTheOutfile() throws IOException, InterruptedException {
        Path out = dir.resolve("error.json");

        Result result = lambda("invoke", "--function-name", "Failing", out.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.json().path("FunctionError").asText()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(out.toFile()).path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void startsAnAsynchronousInvocation() throws IOException, InterruptedException {
        Result result = invoke("{\"name\": \"scheduled\"}", "--function-name", "FleetScanFunction",
                "--invocation-type", "Event", dir.resolve("event.json").toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.json().path("StatusCode").asInt()).isEqualTo(202);
    }

    @Test
    void namesTheMissingFunctionInTheError() throws IOException, InterruptedException {
        Result result = lambda("invoke", "--function-name", "Nope", dir.resolve("none.json").toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(ResourceNotFoundException)")
                .contains("Function not found: arn:aws:lambda:us-west-2:111122223333:function:Nope");
    }

    @Test
    void listsAndDescribesTheFunctions() throws IOException, InterruptedException {
        Result listed = lambda("list-functions");
        Result described = lambda("get-function", "--function-name", "FleetScanFunction");

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.json().path("Functions").findValuesAsText("FunctionName")).contains("FleetScanFunction", "Failing");
        assertThat(described.exitCode()).as(described.stderr()).isZero();
        assertThat(described.json().path("Configuration").path("Handler").asText())
                .isEqualTo(GreetingHandler.class.getName() + "::handleRequest");
    }
}
