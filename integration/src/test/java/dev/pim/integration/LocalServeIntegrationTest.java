package dev.pim.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.pipeline.LocalFleet;
import dev.pim.cli.pipeline.ServedPipeline;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.FixtureLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code pim local serve} offers: the fixture with the pipeline and its fleet half deployed, from the first call
 * it answers and again after every reset through the admin API.
 */
@ExtendWith(TestCredentials.class)
class LocalServeIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCAN = "{\"source\": \"schedule\", \"requestId\": \"serve-test\"}";

    @TempDir
    Path journal;

    @Test
    void aResetThroughTheAdminApiLeavesThePipelineAndTheFleetDeployed() throws Exception {
        try (ServedPipeline pipeline = new ServedPipeline(); LocalCloud cloud = serve(pipeline, 0)) {
            HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    cloud.endpoint().resolve("/_pim/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);

            CliRun run = CliRun.of("run", "--cluster", "demo", "--region", "us-west-2",
                    "--endpoint-url", cloud.endpoint().toString());
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

            try (LambdaClient lambda = lambda(cloud.endpoint())) {
                JsonNode scan = answer(lambda.invoke(r -> r.functionName(LocalFleet.SCAN_FUNCTION)
                        .payload(SdkBytes.fromUtf8String(SCAN))));
                assertThat(scan.path("queued").asInt()).as(scan.toString()).isEqualTo(1);
            }
            // The dispatcher's SQS trigger is polling again: the queued request becomes an execution.
            try (SfnClient sfn = sfn(cloud.endpoint())) {
                assertThat(executionStartedFromTheQueue(sfn, pipeline.stateMachineArn(), Duration.ofSeconds(60))).isTrue();
            }
        }
    }

    @Test
    void aFleetScanInvokedTheMomentThePortOpensFindsTheFleetWired() throws Exception {
        int port = freePort();
        try (ServedPipeline pipeline = new ServedPipeline()) {
            CompletableFuture<LocalCloud> serving = CompletableFuture.supplyAsync(() -> serve(pipeline, port));
            try (LambdaClient lambda = lambda(URI.create("http://127.0.0.1:" + port))) {
                InvokeResponse first = firstAnswer(lambda);

                JsonNode scan = answer(first);
                assertThat(scan.path("queued").asInt()).as(scan.toString()).isEqualTo(1);
            } finally {
                serving.get().close();
            }
        }
    }

    /** What {@code pim local serve --fixture demo} starts. */
    private static LocalCloud serve(ServedPipeline pipeline, int port) {
        return LocalCloud.start(FixtureLoader.load("demo"), LocalCloud.DEFAULT_HOST, port, List.of(pipeline));
    }

    /** Invokes the scan until something answers: a refused connection only means the server is not listening yet. */
    private static InvokeResponse firstAnswer(LambdaClient lambda) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                return lambda.invoke(r -> r.functionName(LocalFleet.SCAN_FUNCTION).payload(SdkBytes.fromUtf8String(SCAN)));
            } catch (SdkClientException e) {
                if (!(e.getCause() instanceof ConnectException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(5);
            }
        }
    }

    private static boolean executionStartedFromTheQueue(SfnClient sfn, String stateMachineArn, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (sfn.listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions().stream()
                    .anyMatch(e -> e.name().startsWith("pim-demo-"))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static JsonNode answer(InvokeResponse response) throws IOException {
        String body = response.payload().asString(StandardCharsets.UTF_8);
        assertThat(response.functionError()).as(body).isNull();
        return JSON.readTree(body);
    }

    private static LambdaClient lambda(URI endpoint) {
        return LambdaClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2).credentialsProvider(testKey())
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static SfnClient sfn(URI endpoint) {
        return SfnClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2).credentialsProvider(testKey()).build();
    }

    private static StaticCredentialsProvider testKey() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
