package dev.pim.local.lambdaapi;

import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.lambda.LambdaRegistry;
import dev.pim.local.lambdaapi.handlers.GreetingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** GetFunction and ListFunctions describe the registered functions; ListFunctions pages by Marker and MaxItems. */
class FunctionListingTest {
    /** More than a page: Lambda returns fifty functions a page at most. */
    private static final List<String> NAMES = IntStream.rangeClosed(1, 55).mapToObj(i -> String.format("fn-%02d", i)).toList();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private LambdaClient lambda;

    @BeforeEach
    void registerFunctions() {
        LambdaRegistry functions = cloud.cloud().stepFunctions().lambdas();
        NAMES.forEach(name -> functions.register(name, GreetingHandler.class));
        functions.register("arn:aws:lambda:us-west-2:111122223333:function:FleetScanFunction",
                GreetingHandler.class.getName(), Duration.ofSeconds(300));
        lambda = LambdaClients.create(cloud);
    }

    @AfterEach
    void closeClient() {
        lambda.close();
    }

    @Test
    void describesARegisteredFunctionAsAJava21ZipFunction() {
        GetFunctionResponse response = lambda.getFunction(r -> r.functionName("FleetScanFunction"));

        FunctionConfiguration configuration = response.configuration();
        assertThat(configuration.functionName()).isEqualTo("FleetScanFunction");
        assertThat(configuration.functionArn()).isEqualTo("arn:aws:lambda:us-west-2:111122223333:function:FleetScanFunction");
        assertThat(configuration.runtime()).isEqualTo(Runtime.JAVA21);
        assertThat(configuration.handler()).isEqualTo(GreetingHandler.class.getName() + "::handleRequest");
        assertThat(configuration.timeout()).isEqualTo(300);
        assertThat(configuration.memorySize()).isEqualTo(1024);
        assertThat(configuration.packageType()).isEqualTo(PackageType.ZIP);
        assertThat(configuration.state()).isEqualTo(State.ACTIVE);
        assertThat(configuration.version()).isEqualTo("$LATEST");
    }

    @Test
    void describesAFunctionNamedByArn() {
        GetFunctionResponse response = lambda.getFunction(r -> r.functionName(
                "arn:aws:lambda:us-west-2:111122223333:function:fn-07"));

        assertThat(response.configuration().functionName()).isEqualTo("fn-07");
    }

    @Test
    void refusesToDescribeAnUnknownFunctionWith404() {
        ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.getFunction(r -> r.functionName("Nope")));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Function not found: arn:aws:lambda:us-west-2:111122223333:function:Nope");
    }

    @Test
    void listsFunctionsByNameInPagesOfMaxItems() {
        ListFunctionsResponse first = lambda.listFunctions(r -> r.maxItems(2));
        ListFunctionsResponse second = lambda.listFunctions(r -> r.maxItems(2).marker(first.nextMarker()));

        assertThat(first.functions()).extracting(FunctionConfiguration::functionName).containsExactly("FleetScanFunction", "fn-01");
        assertThat(second.functions()).extracting(FunctionConfiguration::functionName).containsExactly("fn-02", "fn-03");
        assertThat(first.functions().get(0).state()).as("ListFunctions leaves State to GetFunction").isNull();
    }

    @Test
    void returnsAtMostFiftyFunctionsAPageAndNoMarkerOnTheLast() {
        ListFunctionsResponse first = lambda.listFunctions(r -> r.maxItems(1000));
        ListFunctionsResponse last = lambda.listFunctions(r -> r.marker(first.nextMarker()));

        assertThat(first.functions()).hasSize(50);
        assertThat(last.functions()).hasSize(6);
        assertThat(last.nextMarker()).isNull();
    }

    @Test
    void paginatesThroughEveryFunction() {
        List<String> names = lambda.listFunctionsPaginator(r -> r.maxItems(7)).functions().stream()
                .map(FunctionConfiguration::functionName).toList();

        assertThat(names).hasSize(56).startsWith("FleetScanFunction").endsWith("fn-55").doesNotHaveDuplicates();
    }

    @Test
    void refusesMaxItemsBelowOne() {
        LambdaException e = catchThrowableOfType(LambdaException.class, () -> lambda.listFunctions(r -> r.maxItems(0)));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("'maxItems'");
    }
}
