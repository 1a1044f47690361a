package dev.pim.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.lambda.LambdaEnvironment;
import dev.pim.local.lambda.LambdaFunction;
import dev.pim.local.lambda.LambdaRegistry;
import dev.pim.local.lambda.LambdaServiceFaults;
import dev.pim.local.lambda.LambdaTaskInvoker;
import dev.pim.local.stepfunctions.asl.DefinitionParser;
import dev.pim.local.stepfunctions.engine.EngineOptions;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionSpec;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.StatesEngine;
import dev.pim.local.stepfunctions.handlers.EnvironmentHandler;
import dev.pim.local.stepfunctions.handlers.GreetingHandler;
import dev.pim.local.stepfunctions.handlers.RefusingHandler;
import dev.pim.local.stepfunctions.handlers.UppercaseStreamHandler;
import dev.pim.local.stepfunctions.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.pim.local.stepfunctions.Machines.eventTypes;
import static dev.pim.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Task states invoking real handler classes in-process, as the Lambda Java runtime would. */
class LambdaTaskTest {
    private static final String ARN_PREFIX = "arn:aws:lambda:us-west-2:111122223333:function:";
    private final LambdaRegistry registry = new LambdaRegistry()
            .register(ARN_PREFIX + "Greet", GreetingHandler.class)
            .register("Shout", UppercaseStreamHandler.class)
            .register("Refuse", RefusingHandler.class)
            .register("Environment", EnvironmentHandler.class);
    private final LambdaServiceFaults faults = new LambdaServiceFaults();
    private LambdaEnvironment environment = LambdaEnvironment.NONE;

    @BeforeEach
    void countInstancesFromZero() {
        GreetingHandler.INSTANCES.set(0);
    }

    private ExecutionRun run(String definition, String input) {
        LambdaTaskInvoker invoker = new LambdaTaskInvoker(registry, faults, () -> environment);
        try (StatesEngine engine = new StatesEngine(invoker, EngineOptions.defaults())) {
            return engine.run(DefinitionParser.parse(definition), ExecutionSpec.adHoc("lambda", json(input)),
                    Duration.ofSeconds(20));
        }
    }

    private static String invoke(String function, String extraFields) {
        return """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "%s", "Payload.$": "$"}%s, "End": true}}}""".formatted(function, extraFields);
    }

    @Test
    void invokesATypedHandlerThroughTheLambdaInvokeIntegration() {
        ExecutionRun run = run(invoke(ARN_PREFIX + "Greet", ""), "{\"name\": \"pim\", \"times\": 2, \"ignored\": true}");
        JsonNode output = run.output();
        assertThat(output.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(output.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(output.get("Payload").get("greeting").asText()).isEqualTo("hello pim!!");
        assertThat(output.get("Payload").get("function").asText()).isEqualTo("Greet");
        assertThat(output.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(eventTypes(run)).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        JsonNode scheduled = run.history().get(2).details();
        assertThat(scheduled.get("resourceType").asText()).isEqualTo("lambda");
        assertThat(scheduled.get("resource").asText()).isEqualTo("invoke");
        assertThat(json(scheduled.get("parameters").asText()).get("FunctionName").asText()).isEqualTo(ARN_PREFIX + "Greet");
    }

    @Test
    void findsFunctionsByNameArnOrQualifiedArn() {
        for (String name : new String[]{"Greet", "Greet:$LATEST", "111122223333:function:Greet", ARN_PREFIX + "Greet:prod"}) {
            assertThat(run(invoke(name, ", \"ResultSelector\": {\"g.$\": \"$.Payload.greeting\"}"), "{\"name\": \"x\", \"times\": 0}")
                    .output()).isEqualTo(json("{\"g\": \"hello x\"}"));
        }
    }

    @Test
    void invokesAFunctionArnDirectlyWithItsOutputAsTheResult() {
        String definition = """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%sGreet", "End": true}}}"""
                .formatted(ARN_PREFIX);
        ExecutionRun run = run(definition, "{\"name\": \"direct\", \"times\": 1}");
        assertThat(run.output().get("greeting").asText()).isEqualTo("hello direct!");
        assertThat(eventTypes(run)).containsSubsequence("LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionSucceeded");
    }

    @Test
    void streamsJsonThroughAStreamHandler() {
        assertThat(run(invoke("Shout", ""), "{\"quiet\": \"words\"}").output().get("Payload"))
                .isEqualTo(json("{\"QUIET\": \"WORDS\"}"));
    }

    @Test
    void createsOneHandlerInstancePerFunctionLikeAnExecutionEnvironment() {
        String twice = """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "%1$sGreet", "ResultPath": null, "Next": "B"},
                  "B": {"Type": "Task", "Resource": "%1$sGreet", "End": true}}}""".formatted(ARN_PREFIX);
        run(twice, "{\"name\": \"n\", \"times\": 0}");
        run(twice, "{\"name\": \"n\", \"times\": 0}");
        assertThat(GreetingHandler.INSTANCES.get()).isEqualTo(1);
    }

    @Test
    void namesTheFailureAfterTheExceptionsFullyQualifiedClassName() {
        ExecutionRun run = run(invoke("Refuse", ""), "{\"cluster\": \"demo\"}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo(RefusingHandler.TargetNotReadyException.class.getName());
        JsonNode cause = json(run.cause());
        assertThat(cause.get("errorType").asText()).isEqualTo(RefusingHandler.TargetNotReadyException.class.getName());
        assertThat(cause.get("errorMessage").asText()).isEqualTo("cluster demo has no Pod Identity agent");
        assertThat(cause.get("stackTrace").get(0).asText()).startsWith(RefusingHandler.class.getName() + ".handleRequest(");
        assertThat(cause.at("/cause/errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(eventTypes(run)).contains("TaskFailed");
    }

    @Test
    void catchesAHandlerExceptionByItsClassName() {
        String definition = """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "%sRefuse", "End": true,
                    "Catch": [{"ErrorEquals": ["%s"], "ResultPath": "$.failure", "Next": "Blocked"}]},
                  "Blocked": {"Type": "Pass", "End": true}}}""".formatted(ARN_PREFIX, RefusingHandler.TargetNotReadyException.class.getName());
        ExecutionRun run = run(definition, "{\"cluster\": \"demo\"}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.output().at("/failure/Error").asText()).endsWith("TargetNotReadyException");
        assertThat(eventTypes(run)).contains("LambdaFunctionFailed");
    }

    @Test
    void failsWithResourceNotFoundForAnUnregisteredFunction() {
        ExecutionRun run = run(invoke("Missing", ""), "{}");
        assertThat(run.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(run.cause()).contains("Function not found: arn:aws:lambda:us-east-1:123456789012:function:Missing");
    }

    @Test
    void retriesInjectedLambdaServiceErrorsAsTheRetryPolicySays() {
        faults.failCalls("Greet", 1, 2, "Lambda.ServiceException").failCalls("Greet", 3, 1, "Lambda.TooManyRequestsException");
        String retry = """
                , "Retry": [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
                             "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2}]""";
        ExecutionRun run = run(invoke("Greet", retry), "{\"name\": \"r\", \"times\": 0}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.history().stream().filter(e -> e.type().equals("TaskFailed"))
                .map(e -> e.details().get("error").asText()))
                .containsExactly("Lambda.ServiceException", "Lambda.ServiceException", "Lambda.TooManyRequestsException");
        assertThat(GreetingHandler.INSTANCES.get()).isEqualTo(1);
    }

    @Test
    void pointsHandlersAtTheLocalCloudThroughSdkSystemProperties() {
        environment = LambdaEnvironment.localCloud("http://127.0.0.1:4599");
        JsonNode payload = run(invoke("Environment", ""), "{\"k\": 1}").output().get("Payload");
        assertThat(payload.get("endpoint").asText()).isEqualTo("http://127.0.0.1:4599");
        assertThat(payload.get("region").asText()).isEqualTo("us-east-1");
        assertThat(payload.get("accessKeyId").asText()).isEqualTo("test");
        assertThat(payload.get("function").asText()).isEqualTo("Environment");
        assertThat(payload.get("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:Environment");
        assertThat(payload.get("remainingMillis").asInt()).isBetween(1, (int) LambdaFunction.DEFAULT_TIMEOUT.toMillis());
        assertThat(payload.get("input")).isEqualTo(Json.object().put("k", 1));
    }
}
