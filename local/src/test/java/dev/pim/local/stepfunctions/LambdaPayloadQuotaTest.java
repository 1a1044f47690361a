package dev.pim.local.stepfunctions;

import dev.pim.local.lambda.LambdaEnvironment;
import dev.pim.local.lambda.LambdaRegistry;
import dev.pim.local.lambda.LambdaServiceFaults;
import dev.pim.local.lambda.LambdaTaskInvoker;
import dev.pim.local.stepfunctions.asl.DefinitionParser;
import dev.pim.local.stepfunctions.engine.EngineOptions;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionSpec;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.Quotas;
import dev.pim.local.stepfunctions.engine.StatesEngine;
import dev.pim.local.stepfunctions.handlers.GreetingHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.pim.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Lambda's synchronous payload quotas (6 MB each way on AWS; small here), failing as the Lambda service does. */
class LambdaPayloadQuotaTest {
    private static final Quotas SMALL = Quotas.aws().withMaxLambdaPayloadBytes(100, 200);
    private final LambdaRegistry registry = new LambdaRegistry()
            .register("arn:aws:lambda:us-west-2:111122223333:function:Greet", GreetingHandler.class);

    private ExecutionRun run(String input) {
        LambdaTaskInvoker invoker = new LambdaTaskInvoker(registry, new LambdaServiceFaults(), () -> LambdaEnvironment.NONE,
                SMALL);
        String definition = """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "Greet", "Payload.$": "$"}, "End": true}}}""";
        try (StatesEngine engine = new StatesEngine(invoker, EngineOptions.defaults().withQuotas(SMALL))) {
            return engine.run(DefinitionParser.parse(definition), ExecutionSpec.adHoc("lambda", json(input)),
                    Duration.ofSeconds(20));
        }
    }

    @Test
    void aRequestOverTheQuotaIsRefusedWithRequestTooLargeException() {
        GreetingHandler.INSTANCES.set(0);
        ExecutionRun run = run("{\"name\": \"" + "n".repeat(100) + "\", \"times\": 0}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("Lambda.RequestTooLargeException");
        assertThat(run.cause()).contains("byte payload is too large for the RequestResponse invocation type (limit 100 bytes)",
                "Status Code: 413");
        assertThat(GreetingHandler.INSTANCES.get()).isZero();
    }

    @Test
    void aResponseOverTheQuotaFailsWithResponseSizeTooLarge() {
        ExecutionRun run = run("{\"name\": \"n\", \"times\": 300}");
        assertThat(run.error()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(json(run.cause()).get("errorMessage").asText()).endsWith("exceeded maximum allowed payload size (200 bytes).");
    }

    @Test
    void payloadsWithinTheQuotaPass() {
        assertThat(run("{\"name\": \"n\", \"times\": 1}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
}
