package dev.pim.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.stepfunctions.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the same small definitions (no Lambda) through the local Step Functions and through moto's independent
 * interpreter, and compares status, output and error. Skipped, saying so, where {@code moto_server} is missing.
 * The cases avoid paths such as {@code $[0].a}, for which moto returns a one-element array where AWS (and
 * Jayway JsonPath) return the value (moto issue 7825).
 */
class MotoDifferentialTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/differential";
    private static Process moto;
    private static URI motoEndpoint;
    private static SfnClient motoClient;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    /** @param errorNameDiffers why moto names this failure differently from AWS, or null when it should not */
    record Case(String name, JsonNode definition, JsonNode input, String errorNameDiffers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (JsonNode node : Json.parse(Machines.resource("differential-cases.json"))) {
            cases.add(new Case(node.get("name").asText(), node.get("definition"), node.get("input"),
                    node.path("errorNameDiffers").textValue()));
        }
        return cases;
    }

    @BeforeAll
    static void startMoto() throws IOException, InterruptedException {
        assumeTrue(onPath("moto_server"), "moto_server is not on the PATH: skipping the differential test against moto");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        motoEndpoint = URI.create("http://127.0.0.1:" + port);
        awaitUp(motoEndpoint);
        motoClient = client(motoEndpoint, Region.US_EAST_1);
    }

    /**
     * A fresh moto for each case: moto 5.2 cannot start a second execution once one has run (it deep-copies a
     * state machine holding a lock). And moto only interprets definitions when told to.
     */
    private static void resetMoto() throws IOException {
        post(motoEndpoint.resolve("/moto-api/reset"), "");
        post(motoEndpoint.resolve("/moto-api/config"), "{\"stepfunctions\": {\"execute_state_machine\": true}}");
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.destroy();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithMoto(Case c) throws InterruptedException, IOException {
        resetMoto();
        DescribeExecutionResponse ours = execute(client(cloud.endpoint(), Region.US_WEST_2), c);
        DescribeExecutionResponse theirs = execute(motoClient, c);
        assertThat(ours.status()).as("status").isEqualTo(theirs.status());
        if (c.errorNameDiffers() == null) {
            assertThat(ours.error()).as("error").isEqualTo(theirs.error());
        }
        if (theirs.status() == ExecutionStatus.SUCCEEDED) {
            assertThat(Json.parse(ours.output())).as("output").isEqualTo(Json.parse(theirs.output()));
        }
    }

    private static DescribeExecutionResponse execute(SfnClient sfn, Case c) throws InterruptedException {
        String machine = sfn.createStateMachine(b -> b.name(c.name()).roleArn(ROLE).definition(Json.write(c.definition())))
                .stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("run-" + c.name())
                .input(Json.write(c.input()))).executionArn();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(execution));
            if (described.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                return described;
            }
            Thread.sleep(50);
        }
    }

    private static SfnClient client(URI endpoint, Region region) {
        return SfnClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void awaitUp(URI endpoint) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                if (connection.getResponseCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("moto_server did not start within 30 s");
    }

    private static void post(URI uri, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        assertThat(connection.getResponseCode()).isLessThan(300);
    }
}
