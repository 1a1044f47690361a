package dev.pim.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.engine.Quotas;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.task.TaskCall;
import dev.pim.local.stepfunctions.task.TaskInvoker;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs Lambda tasks in-process: a function ARN as Resource (the result is the function's output), or the
 * optimized integration {@code arn:aws:states:::lambda:invoke} (Parameters FunctionName and Payload; the result
 * wraps the output under {@code Payload}). A handler's exception fails the task with the exception's
 * fully-qualified class name as Error and the Java runtime's error JSON as Cause. Payloads are held to Lambda's
 * synchronous invocation quotas (6 MB each way), failing as the Lambda service does.
 */
public final class LambdaTaskInvoker implements TaskInvoker {
    private final LambdaRegistry registry;
    private final LambdaServiceFaults faults;
    private final Supplier<LambdaEnvironment> environment;
    private final Quotas quotas;

    public LambdaTaskInvoker(LambdaRegistry registry, LambdaServiceFaults faults, Supplier<LambdaEnvironment> environment) {
        this(registry, faults, environment, Quotas.aws());
    }

    public LambdaTaskInvoker(LambdaRegistry registry, LambdaServiceFaults faults, Supplier<LambdaEnvironment> environment,
                             Quotas quotas) {
        this.registry = registry;
        this.faults = faults;
        this.environment = environment;
        this.quotas = quotas;
    }

    @Override
    public JsonNode invoke(TaskCall call) {
        if (call.resource().lambdaFunction()) {
            return invokeFunction(call.resource().arn(), call.parameters(), call);
        }
        JsonNode functionName = call.parameters().get("FunctionName");
        if (functionName == null || !functionName.isTextual()) {
            throw new StatesError(ErrorNames.RUNTIME, "The field 'FunctionName' is required and must be a string,"
                    + " got parameters " + Json.write(call.parameters()));
        }
        JsonNode payload = call.parameters().has("Payload") ? call.parameters().get("Payload") : Json.object();
        return invokeResponse(invokeFunction(functionName.textValue(), payload, call));
    }

    private JsonNode invokeFunction(String functionName, JsonNode payload, TaskCall call) {
        String arn = qualifiedArn(functionName, call);
        LambdaFunction function = registry.find(functionName).orElseThrow(() -> new StatesError(
                "Lambda.ResourceNotFoundException", "Function not found: " + arn
                + " (Service: Lambda, Status Code: 404, Request ID: " + UUID.randomUUID() + ")"));
        faults.onInvoke(function.name()).ifPresent(failure -> {
            throw failure;
        });
        checkRequest(payload);
        LocalLambdaContext context = new LocalLambdaContext(function, arn, function.timeout());
        byte[] event = Json.write(payload).getBytes(StandardCharsets.UTF_8);
        InvocationResult result = HandlerInvoker.invoke(registry, function, environment.get(), call.region(), event, context);
        if (result instanceof InvocationResult.Threw threw) {
            throw failure(threw.error());
        }
        JsonNode response = parseResponse(((InvocationResult.Returned) result).response());
        checkResponse(response);
        return response;
    }

    /** Error: the exception's class name (the runtime's errorType), Cause: the runtime's error JSON. */
    private static StatesError failure(Throwable thrown) {
        Throwable error = thrown instanceof LambdaRegistry.HandlerInitException init ? init.getCause() : thrown;
        return new StatesError(error.getClass().getName(), RuntimeErrors.errorJson(thrown).toString());
    }

    /** Lambda returns whatever bytes the handler wrote; Step Functions then fails on output that is not JSON. */
    private static JsonNode parseResponse(byte[] response) {
        String text = HandlerInvoker.text(response);
        if (text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw failure(new IllegalStateException("the handler's output is not JSON: " + e.getMessage()));
        }
    }

    /** The Invoke API refuses a larger request with RequestTooLargeException (HTTP 413). */
    private void checkRequest(JsonNode payload) {
        long bytes = Json.write(payload).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > quotas.maxLambdaRequestBytes()) {
            throw new StatesError("Lambda.RequestTooLargeException", bytes + " byte payload is too large for the"
                    + " RequestResponse invocation type (limit " + quotas.maxLambdaRequestBytes() + " bytes)"
                    + " (Service: Lambda, Status Code: 413, Request ID: " + UUID.randomUUID() + ")");
        }
    }

    /** A larger response is a function error: the runtime cannot post it, Lambda reports Function.ResponseSizeTooLarge. */
    private void checkResponse(JsonNode response) {
        long bytes = Json.write(response).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > quotas.maxLambdaResponseBytes()) {
            ObjectNode error = Json.object();
            error.put("errorMessage", "Response payload size (" + bytes + " bytes) exceeded maximum allowed payload size ("
                    + quotas.maxLambdaResponseBytes() + " bytes).");
            error.put("errorType", "Function.ResponseSizeTooLarge");
            throw new StatesError("Function.ResponseSizeTooLarge", Json.write(error));
        }
    }

    private static String qualifiedArn(String functionName, TaskCall call) {
        if (functionName.startsWith("arn:")) {
            return functionName;
        }
        String name = LambdaRegistry.nameOf(functionName).orElse(functionName);
        return "arn:aws:lambda:" + call.region() + ":" + call.accountId() + ":function:" + name;
    }

    /** What {@code lambda:invoke} returns: the Invoke API's response, with the function's output as Payload. */
    private static JsonNode invokeResponse(JsonNode output) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode response = Json.object();
        response.put("ExecutedVersion", "$LATEST");
        response.set("Payload", output);
        ObjectNode http = response.putObject("SdkHttpMetadata");
        ObjectNode all = http.putObject("AllHttpHeaders");
        ObjectNode headers = http.putObject("HttpHeaders");
        for (String[] header : new String[][]{{"Content-Type", "application/json"},
                {"X-Amz-Executed-Version", "$LATEST"}, {"x-amzn-RequestId", requestId}}) {
            all.putArray(header[0]).add(header[1]);
            headers.put(header[0], header[1]);
        }
        http.put("HttpStatusCode", 200);
        response.putObject("SdkResponseMetadata").put("RequestId", requestId);
        response.put("StatusCode", 200);
        return response;
    }
}
