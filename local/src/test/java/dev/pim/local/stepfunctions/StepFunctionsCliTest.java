package dev.pim.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.stepfunctions.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The API as the AWS CLI (botocore) speaks it; skipped, saying so, where the CLI is not installed. */
class StepFunctionsCliTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() {
            return Json.parse(stdout);
        }
    }

    @BeforeAll
    static void requireTheAwsCli() {
        assumeTrue(onPath("aws"), "the AWS CLI ('aws') is not on the PATH: skipping the CLI wire-compatibility test");
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

    private static Result aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "stepfunctions", "--endpoint-url", cloud.endpoint().toString(),
                "--region", "us-west-2", "--output", "json"));
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
    void runsAStateMachineFromTheCli() throws IOException, InterruptedException {
        String definition = """
                {"StartAt": "Greet", "States": {"Greet": {"Type": "Pass",
                  "Parameters": {"greeting.$": "States.Format('hello {}', $.name)"}, "End": true}}}""";
        Result created = aws("create-state-machine", "--name", "cli", "--definition", definition,
                "--role-arn", "arn:aws:iam::111122223333:role/pim-operator");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        String machine = created.json().get("stateMachineArn").asText();
        Result started = aws("start-execution", "--state-machine-arn", machine, "--name", "from-cli",
                "--input", "{\"name\": \"cli\"}");
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        String execution = started.json().get("executionArn").asText();
        assertThat(cloud.cloud().stepFunctions().await(execution, Duration.ofSeconds(20))).isPresent();
        JsonNode described = aws("describe-execution", "--execution-arn", execution).json();
        assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(described.get("output").asText())).isEqualTo(Json.parse("{\"greeting\": \"hello cli\"}"));
        assertThat(described.get("startDate").asText()).isNotEmpty();
        JsonNode history = aws("get-execution-history", "--execution-arn", execution).json();
        assertThat(history.get("events")).hasSize(4);
        assertThat(history.get("events").get(1).at("/stateEnteredEventDetails/name").asText()).isEqualTo("Greet");
        JsonNode listed = aws("list-executions", "--state-machine-arn", machine).json();
        assertThat(listed.get("executions").get(0).get("name").asText()).isEqualTo("from-cli");
    }

    @Test
    void reportsErrorsWithTheirCodeInTheCli() throws IOException, InterruptedException {
        Result refused = aws("create-state-machine", "--name", "bad", "--definition", "{\"StartAt\": \"Nowhere\", \"States\": {}}",
                "--role-arn", "arn:aws:iam::111122223333:role/pim-operator");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("(InvalidDefinition)", "Missing 'StartAt' target: Nowhere");
        Result missing = aws("describe-state-machine", "--state-machine-arn",
                "arn:aws:states:us-west-2:111122223333:stateMachine:nope");
        assertThat(missing.stderr()).contains("(StateMachineDoesNotExist)");
    }
}
