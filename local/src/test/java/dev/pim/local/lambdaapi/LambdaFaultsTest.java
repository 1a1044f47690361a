package dev.pim.local.lambdaapi;

import dev.pim.local.fault.ErrorRule;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.lambdaapi.handlers.GatedRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Faults and counters reach the Lambda API like every service, answered in Lambda's own wire format. */
class LambdaFaultsTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private LambdaClient lambda;

    @BeforeEach
    void registerFunctions() {
        cloud.cloud().stepFunctions().lambdas().register("Recorder", GatedRecorder.class);
        GatedRecorder.closeGate();
        GatedRecorder.openGate();
        lambda = LambdaClients.create(cloud);
    }

    @AfterEach
    void closeClient() {
        lambda.close();
    }

    private InvokeResponse invoke() {
        return lambda.invoke(r -> r.functionName("Recorder").payload(LambdaClients.json("{}")));
    }

    @Test
    void answersThrottlingWith429TooManyRequestsAndItsReason() {
        cloud.faults().rateLimit("lambda:write", 0.001, 1);
        invoke();

        TooManyRequestsException e = catchThrowableOfType(TooManyRequestsException.class, this::invoke);

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.reason()).isEqualTo(ThrottleReason.CALLER_RATE_LIMIT_EXCEEDED);
        assertThat(e.retryAfterSeconds()).isEqualTo("1");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
        assertThat(GatedRecorder.events()).hasSize(1);
    }

    @Test
    void answersAnInjectedFaultWithoutCodeAsLambdasServiceException() {
        cloud.faults().error(ErrorRule.onCall("lambda:Invoke", 1));

        ServiceException e = catchThrowableOfType(ServiceException.class, this::invoke);

        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("injected failure of lambda:Invoke");
        assertThat(GatedRecorder.events()).as("the function does not run").isEmpty();
        assertThat(invoke().statusCode()).isEqualTo(200);
    }

    @Test
    void answersAnInjectedFaultWithItsCodeAndTheModelsStatus() {
        cloud.faults().error(ErrorRule.onCall("lambda:GetFunction", 1).answering("TooManyRequestsException", 0, "slow down"));

        TooManyRequestsException e = catchThrowableOfType(TooManyRequestsException.class,
                () -> lambda.getFunction(r -> r.functionName("Recorder")));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("slow down");
    }

    @Test
    void failsEveryCallWithEmulatedCrashAfterTheKthMutatingCall() {
        cloud.faults().crashAfterMutatingCalls(1);
        invoke();

        LambdaException e = catchThrowableOfType(LambdaException.class, () -> lambda.listFunctions());

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EmulatedCrash");
    }

    @Test
    void countsInvokeAsAWriteAndTheDescriptionsAsReads() {
        invoke();
        invoke();
        lambda.getFunction(r -> r.functionName("Recorder"));
        lambda.listFunctions();

        assertThat(cloud.counters().snapshot()).containsAllEntriesOf(Map.of("lambda:Invoke", 2L,
                "lambda:GetFunction", 1L, "lambda:ListFunctions", 1L));
        assertThat(cloud.counters().mutatingSnapshot()).isEqualTo(Map.of("lambda:Invoke", 2L));
    }
}
