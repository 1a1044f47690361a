package dev.pim.local.lambdaapi;

import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.lambdaapi.handlers.ShoutingStreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Invoke's refusals: the code, status and message Lambda gives, naming the function or parameter at fault. */
class InvokeErrorsTest {
    private static final int SIX_MEGABYTES = 6 * 1024 * 1024;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private LambdaClient lambda;

    @BeforeEach
    void registerFunctions() {
        cloud.cloud().stepFunctions().lambdas().register("Shouter", ShoutingStreamHandler.class);
        lambda = LambdaClients.create(cloud);
    }

    @AfterEach
    void closeClient() {
        lambda.close();
    }

    private <T extends Throwable> T refusal(Class<T> type, String functionName, SdkBytes payload) {
        return catchThrowableOfType(type, () -> lambda.invoke(r -> r.functionName(functionName).payload(payload)));
    }

    @Test
    void refusesAnUnknownFunctionNamedByNameWith404() {
        ResourceNotFoundException e = refusal(ResourceNotFoundException.class, "Nope", LambdaClients.json("{}"));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Function not found: arn:aws:lambda:us-west-2:111122223333:function:Nope");
    }

    @Test
    void refusesAnUnknownFunctionNamedByArnWith404() {
        String arn = "arn:aws:lambda:us-west-2:111122223333:function:Nope";

        ResourceNotFoundException e = refusal(ResourceNotFoundException.class, arn, LambdaClients.json("{}"));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function not found: " + arn);
    }

    @Test
    void refusesARegisteredFunctionNamedInAnotherAccount() {
        String arn = "arn:aws:lambda:us-west-2:444455556666:function:Shouter";

        ResourceNotFoundException e = refusal(ResourceNotFoundException.class, arn, LambdaClients.json("{}"));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function not found: " + arn);
    }

    @Test
    void refusesAVersionOrAliasOtherThanLatest() {
        ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.invoke(r -> r.functionName("Shouter").qualifier("live")));

        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Function not found: arn:aws:lambda:us-west-2:111122223333:function:Shouter:live");
    }

    @Test
    void refusesAQualifierThatContradictsTheOneInTheName() {
        InvalidParameterValueException e = catchThrowableOfType(InvalidParameterValueException.class,
                () -> lambda.invoke(r -> r.functionName("Shouter:$LATEST").qualifier("live")));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("The derived qualifier from the function name does not match the specified qualifier.");
    }

    @Test
    void refusesAFunctionNameTheModelDoesNotAllow() {
        LambdaException e = refusal(LambdaException.class, "no spaces", LambdaClients.json("{}"));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value 'no spaces' at "
                + "'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern");
    }

    @Test
    void refusesAPayloadThatIsNotJson() {
        InvalidRequestContentException e = refusal(InvalidRequestContentException.class, "Shouter",
                LambdaClients.json("{\"cluster\": demo}"));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage())
                .startsWith("Could not parse request body into json: Could not parse payload into json: ")
                .contains("Unrecognized token 'demo'").contains("line 1");
    }

    @Test
    void refusesAPayloadWithTextAfterTheJsonValue() {
        InvalidRequestContentException e = refusal(InvalidRequestContentException.class, "Shouter",
                LambdaClients.json("{} {}"));

        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAPayloadOverSixMegabytesWith413() {
        byte[] payload = quotedString(SIX_MEGABYTES + 1);

        RequestTooLargeException e = refusal(RequestTooLargeException.class, "Shouter", SdkBytes.fromByteArray(payload));

        assertThat(e.statusCode()).isEqualTo(413);
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
    }

    @Test
    void runsAPayloadOfExactlySixMegabytes() {
        byte[] payload = quotedString(SIX_MEGABYTES);

        assertThat(lambda.invoke(r -> r.functionName("Shouter").payload(SdkBytes.fromByteArray(payload)))
                .payload().asByteArray()).hasSize(SIX_MEGABYTES);
    }

    @Test
    void refusesAnInvocationTypeTheModelDoesNotKnow() {
        LambdaException e = catchThrowableOfType(LambdaException.class,
                () -> lambda.invoke(r -> r.functionName("Shouter").invocationType("Later")));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("'invocationType'");
    }

    @Test
    void refusesAnAsynchronousPayloadOverOneMegabyte() {
        byte[] payload = quotedString(1024 * 1024 + 1);

        RequestTooLargeException e = catchThrowableOfType(RequestTooLargeException.class, () -> lambda.invoke(r -> r
                .functionName("Shouter").invocationType(InvocationType.EVENT).payload(SdkBytes.fromByteArray(payload))));

        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Request must be smaller than 1048576 bytes for the InvokeFunction operation");
    }

    @Test
    void refusesAnUnknownAccessKeyWhenCredentialsAreStrict() {
        cloud.cloud().write(state -> state.behaviour.strictCredentials = true);

        try (LambdaClient stranger = LambdaClients.create(cloud, "AKIAUNKNOWN")) {
            LambdaException e = catchThrowableOfType(LambdaException.class,
                    () -> stranger.invoke(r -> r.functionName("Shouter")));

            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
        }
    }

    /** A JSON string of exactly {@code size} bytes. */
    private static byte[] quotedString(int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'a');
        payload[0] = '"';
        payload[size - 1] = '"';
        return payload;
    }
}
