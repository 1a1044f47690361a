package dev.pim.integration.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.pipeline.LocalFleet;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code lambda-events.yaml}: each event sent to one of the pipeline's functions through the local Lambda API
 * ({@code Invoke}, as Step Functions, {@code sam local invoke} or a person with the AWS CLI sends it), which runs
 * the real handler class. A bad event is an unhandled function error whose type is the handler's exception and
 * whose message names the field ({@code expect.refused}: the Lambda API itself refuses the payload). With {@code setup: run}, a run is opened first as the state machine opens it
 * (Preflight, then Discover, through the same API), and {@code {runId}} in the event stands for it; with
 * {@code setup: fleet}, the fleet's queues and its functions' environment are deployed first.
 */
final class HandlerEventCases {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud;

    HandlerEventCases(LocalCloud cloud) {
        this.cloud = cloud;
    }

    void run(BadInputCase c) throws IOException {
        Fixture fixture = FixtureLoader.load(c.required("fixture"));
        cloud.reset(fixture);
        LocalPipeline pipeline = new LocalPipeline(cloud, "us-west-2", "111122223333");
        pipeline.deploy();
        LocalFleet fleet = new LocalFleet(cloud, pipeline, "us-west-2");
        if ("fleet".equals(c.text("setup"))) {
            fleet.deploy(LocalFleet.Settings.of(fixture, 5, false));
        }
        try (fleet; LambdaClient lambda = LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(2))).build()) {
            String event = c.text("input") == null ? c.required("event") : c.required("event").replace("{input}", c.required("input"));
            if ("run".equals(c.text("setup"))) {
                event = event.replace("{runId}", openRun(lambda));
            }
            Untouched untouched = Untouched.now(cloud, Set.of("lambda:Invoke"));
            if (c.expected("refused") != null) {
                String payload = event;
                LambdaException refused = catchThrowableOfType(() -> invoke(lambda, c.required("function"), payload),
                        LambdaException.class);
                assertThat(refused).as("the Lambda API refuses the payload").isNotNull();
                assertThat(refused.awsErrorDetails().errorCode()).isEqualTo(c.expected("refused"));
                assertThat(refused.getMessage()).contains(c.fragments("error"));
                untouched.assertUntouched();
                return;
            }

            InvokeResponse response = invoke(lambda, c.required("function"), event);

            JsonNode error = JSON.readTree(response.payload().asString(StandardCharsets.UTF_8));
            assertThat(response.functionError()).as("a function error: %s", error).isEqualTo("Unhandled");
            assertThat(error.path("errorType").asText()).as(error.toString()).isEqualTo(c.expected("errorType"));
            assertThat(error.path("errorMessage").asText()).contains(c.fragments("error"));
            untouched.assertUntouched();
        }
    }

    /** Preflight and Discover of the demo cluster, as the state machine's first states run them; the run's id. */
    private static String openRun(LambdaClient lambda) throws IOException {
        InvokeResponse preflight = invoke(lambda, "PreflightFunction", "{\"input\": {\"cluster\": \"demo\"}, \"executionId\": \"corpus\"}");
        JsonNode opened = JSON.readTree(preflight.payload().asUtf8String());
        assertThat(preflight.functionError()).as(opened.toString()).isNull();
        String discover = JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("input", opened.get("input"))
                .put("runId", opened.get("runId").asText()).put("executionId", "corpus").toString();
        InvokeResponse discovered = invoke(lambda, "DiscoverFunction", discover);
        assertThat(discovered.functionError()).as(discovered.payload().asUtf8String()).isNull();
        return opened.get("runId").asText();
    }

    private static InvokeResponse invoke(LambdaClient lambda, String function, String event) {
        return lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(event)));
    }
}
