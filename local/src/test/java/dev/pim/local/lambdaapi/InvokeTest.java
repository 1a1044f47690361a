package dev.pim.local.lambdaapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.lambda.LambdaRegistry;
import dev.pim.local.lambdaapi.handlers.FailingHandler;
import dev.pim.local.lambdaapi.handlers.GreetingHandler;
import dev.pim.local.lambdaapi.handlers.OversizedResponseHandler;
import dev.pim.local.lambdaapi.handlers.RoleReadingHandler;
import dev.pim.local.lambdaapi.handlers.ShoutingStreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Invoke, RequestResponse: handlers run in-process and answer as Lambda answers, failures included. */
class InvokeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private LambdaClient lambda;

    @BeforeEach
    void registerFunctions() {
        LambdaRegistry functions = cloud.cloud().stepFunctions().lambdas();
        functions.register("Greeter", GreetingHandler.class.getName(), Duration.ofSeconds(120));
        functions.register("Shouter", ShoutingStreamHandler.class);
        functions.register("Failing", FailingHandler.class);
        functions.register("RoleReader", RoleReadingHandler.class);
        functions.register("Oversized", OversizedResponseHandler.class);
        functions.register("Missing", "dev.pim.local.lambdaapi.handlers.NoSuchHandler");
        lambda = LambdaClients.create(cloud);
    }

    @AfterEach
    void closeClient() {
        lambda.close();
    }

    private InvokeResponse invoke(String functionName, String payload) {
        return lambda.invoke(r -> r.functionName(functionName).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static JsonNode payload(InvokeResponse response) throws IOException {
        return JSON.readTree(response.payload().asByteArray());
    }

    @Test
    void runsATypedHandlerWithARecordInAndARecordOut() throws IOException {
        InvokeResponse response = invoke("Greeter", "{\"name\": \"fleet\", \"times\": 2}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(response.functionError()).isNull();
        JsonNode output = payload(response);
        assertThat(output.path("greeting").asText()).isEqualTo("hello fleet!!");
        assertThat(output.path("function").asText()).isEqualTo("Greeter");
        assertThat(output.path("invokedArn").asText()).isEqualTo("arn:aws:lambda:us-west-2:111122223333:function:Greeter");
        assertThat(output.path("requestId").asText()).isEqualTo(response.responseMetadata().requestId());
        assertThat(output.path("memoryMb").asInt()).isEqualTo(1024);
        assertThat(output.path("remainingMillis").asLong()).isBetween(100_000L, 120_000L);
    }

    @Test
    void givesTheHandlerTheEnvironmentOfTheRequestsRegion() throws IOException {
        JsonNode output = payload(invoke("Greeter", "{\"name\": \"env\"}"));

        assertThat(output.path("region").asText()).isEqualTo("us-west-2");
        assertThat(output.path("endpoint").asText()).isEqualTo(cloud.endpoint().toString());
    }

    @Test
    void passesAStreamHandlerThePayloadBytesAndAnswersWithWhatItWrote() {
        InvokeResponse response = invoke("Shouter", "{\"cluster\": \"demo\"}");

        assertThat(response.payload().asUtf8String()).isEqualTo("{\"CLUSTER\": \"DEMO\"}");
    }

    @Test
    void givesAFunctionInvokedWithoutPayloadAnEmptyObject() {
        InvokeResponse response = lambda.invoke(r -> r.functionName("Shouter"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.payload().asUtf8String()).isEqualTo("{}");
    }

    @Test
    void acceptsTheFunctionByArnByPartialArnAndWithTheLatestQualifier() throws IOException {
        String arn = "arn:aws:lambda:us-west-2:111122223333:function:Greeter";

        assertThat(payload(invoke(arn, "{\"name\": \"a\"}")).path("invokedArn").asText()).isEqualTo(arn);
        assertThat(payload(invoke("111122223333:function:Greeter", "{\"name\": \"b\"}")).path("greeting").asText())
                .isEqualTo("hello b");
        assertThat(payload(invoke("Greeter:$LATEST", "{\"name\": \"c\"}")).path("invokedArn").asText())
                .isEqualTo(arn + ":$LATEST");
        InvokeResponse qualified = lambda.invoke(r -> r.functionName("Greeter").qualifier("$LATEST")
                .payload(SdkBytes.fromUtf8String("{\"name\": \"d\"}")));
        assertThat(payload(qualified).path("greeting").asText()).isEqualTo("hello d");
    }

    @Test
    void answersAThrowingHandlerWith200UnhandledAndTheJavaRuntimesErrorJson() throws IOException {
        InvokeResponse response = invoke("Failing", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = payload(response);
        assertThat(error.path("errorMessage").asText()).isEqualTo("cannot scan the fleet");
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("stackTrace").get(0).asText())
                .startsWith(FailingHandler.class.getName() + ".handleRequest(FailingHandler.java:");
        assertThat(StreamSupport.stream(error.path("stackTrace").spliterator(), false).map(JsonNode::asText))
                .as("the runtime's own frames are left out").allMatch(frame -> frame.startsWith(FailingHandler.class.getName()));
        assertThat(error.path("cause").path("errorType").asText()).isEqualTo("java.io.UncheckedIOException");
        assertThat(error.path("cause").path("cause").path("errorMessage").asText()).isEqualTo("connection refused");
    }

    @Test
    void reportsAHandlerClassThatCannotBeLoadedAsAnUnhandledFunctionError() throws IOException {
        InvokeResponse response = invoke("Missing", "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(payload(response).path("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(payload(response).path("errorMessage").asText()).isEqualTo("dev.pim.local.lambdaapi.handlers.NoSuchHandler");
    }

    @Test
    void tailsTheExecutionLogWhenAsked() {
        InvokeResponse ok = lambda.invoke(r -> r.functionName("Greeter").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"name\": \"log\"}")));
        InvokeResponse failed = lambda.invoke(r -> r.functionName("Failing").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{}")));

        String requestId = ok.responseMetadata().requestId();
        assertThat(decoded(ok.logResult())).startsWith("START RequestId: " + requestId + " Version: $LATEST\n")
                .contains("END RequestId: " + requestId + "\n")
                .containsPattern("REPORT RequestId: " + requestId + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms"
                        + "\tMemory Size: 1024 MB");
        assertThat(decoded(failed.logResult())).contains("\"errorType\":\"java.lang.IllegalStateException\"");
        assertThat(invoke("Greeter", "{\"name\": \"quiet\"}").logResult()).isNull();
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void runsAHandlerThatCallsTheLocalCloudWithoutHoldingTheStateLock() {
        InvokeResponse response = invoke("RoleReader", "{\"roleName\": \"payments-api\"}");

        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        assertThat(response.payload().asUtf8String()).isEqualTo("\"arn:aws:iam::111122223333:role/payments-api\"");
        assertThat(cloud.counters().count("iam:GetRole")).isEqualTo(1);
    }

    @Test
    void answersAResponseOverSixMegabytesAsTheFunctionsError() throws IOException {
        InvokeResponse response = invoke("Oversized", "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(payload(response).path("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(payload(response).path("errorMessage").asText())
                .isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
    }
}
