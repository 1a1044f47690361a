package dev.pim.local.lambdaapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.cli.AwsCli;
import dev.pim.local.cli.AwsCli.Run;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.lambdaapi.handlers.FailingHandler;
import dev.pim.local.lambdaapi.handlers.GreetingHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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

    @BeforeAll
    static void requireTheAwsCli() throws IOException, InterruptedException {
        assumeTrue(AwsCli.installed(), "the AWS CLI ('aws') is not on the PATH: skipping the CLI wire-compatibility test");
        Run version = AwsCli.bare("--version");
        if ((version.stdout() + version.stderr()).startsWith("aws-cli/2")) {
            rawPayload = List.of("--cli-binary-format", "raw-in-base64-out");
        }
    }

    @BeforeEach
    void registerFunctions() {
        cloud.cloud().stepFunctions().lambdas().register("FleetScanFunction", GreetingHandler.class);
        cloud.cloud().stepFunctions().lambdas().register("Failing", FailingHandler.class);
    }

    private static Run lambda(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("lambda"));
        command.addAll(List.of(args));
        return AwsCli.run(cloud, command.toArray(String[]::new));
    }

    /** {@code aws invoke} with a raw JSON payload. */
    private static Run invoke(String payload, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("invoke", "--payload", payload));
        command.addAll(rawPayload);
        command.addAll(List.of(args));
        return lambda(command.toArray(String[]::new));
    }

    @Test
    void invokesAFunctionAndWritesItsResponseToTheOutfile() throws IOException, InterruptedException {
        Path out = dir.resolve("out.json");

        Run result = invoke("{\"name\": \"cli\"}", "--function-name", "FleetScanFunction", "--log-type", "Tail",
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

        Run result = lambda("invoke", "--function-name", "Failing", out.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.json().path("FunctionError").asText()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(out.toFile()).path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void startsAnAsynchronousInvocation() throws IOException, InterruptedException {
        Run result = invoke("{\"name\": \"scheduled\"}", "--function-name", "FleetScanFunction",
                "--invocation-type", "Event", dir.resolve("event.json").toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.json().path("StatusCode").asInt()).isEqualTo(202);
    }

    @Test
    void namesTheMissingFunctionInTheError() throws IOException, InterruptedException {
        Run result = lambda("invoke", "--function-name", "Nope", dir.resolve("none.json").toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(ResourceNotFoundException)")
                .contains("Function not found: arn:aws:lambda:us-west-2:111122223333:function:Nope");
    }

    @Test
    void listsAndDescribesTheFunctions() throws IOException, InterruptedException {
        Run listed = lambda("list-functions");
        Run described = lambda("get-function", "--function-name", "FleetScanFunction");

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.json().path("Functions").findValuesAsText("FunctionName")).contains("FleetScanFunction", "Failing");
        assertThat(described.exitCode()).as(described.stderr()).isZero();
        assertThat(described.json().path("Configuration").path("Handler").asText())
                .isEqualTo(GreetingHandler.class.getName() + "::handleRequest");
    }
}
