package dev.pim.local.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.AwsCaller;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;
import dev.pim.local.state.CloudState;
import dev.pim.local.stepfunctions.json.Json;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The Step Functions API (JSON 1.0: {@code X-Amz-Target: AWSStepFunctions.<Operation>}, signing name
 * {@code states}): state machines, executions (a distributed Map's children too) and Map Runs. Handlers run under the local cloud's state lock only to read
 * the caller; executions run on the engine's threads and never take that lock.
 */
public final class StepFunctionsService implements EmulatedService {
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    /** Operation name to whether it changes state. */
    private static final Map<String, Boolean> OPERATIONS = Map.ofEntries(
            Map.entry("CreateStateMachine", true), Map.entry("DescribeStateMachine", false),
            Map.entry("ListStateMachines", false), Map.entry("DeleteStateMachine", true), Map.entry("StartExecution", true),
            Map.entry("DescribeExecution", false), Map.entry("GetExecutionHistory", false),
            Map.entry("ListExecutions", false), Map.entry("StopExecution", true),
            Map.entry("DescribeMapRun", false), Map.entry("ListMapRuns", false));

    private final Supplier<CloudState> state;
    private final StateMachineOperations machines;
    private final ExecutionOperations executions;
    private final MapRunOperations mapRuns;

    public StepFunctionsService(Supplier<CloudState> state, StepFunctionsBackend backend) {
        this.state = state;
        this.machines = new StateMachineOperations(backend.store());
        this.executions = new ExecutionOperations(backend);
        this.mapRuns = new MapRunOperations(backend.store());
    }

    @Override
    public Operation route(HttpRequest request) {
        String target = request.header("x-amz-target");
        if (!"POST".equals(request.method()) || target == null || !target.startsWith(TARGET_PREFIX)) {
            throw ApiError.of("UnknownOperationException", 400, "The local Step Functions serves POST requests with an"
                    + " X-Amz-Target of AWSStepFunctions.<Operation>");
        }
        String name = target.substring(TARGET_PREFIX.length());
        Boolean mutating = OPERATIONS.get(name);
        if (mutating == null) {
            throw ApiError.of("UnknownOperationException", 400, "Operation " + name + " is not supported by the local Step Functions");
        }
        JsonNode body = body(request);
        return new Operation("states", name, mutating, () -> handle(name, new Requests(body), request));
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return switch (error.kind()) {
            case THROTTLED -> errorBody(400, "ThrottlingException", "Rate exceeded");
            case CRASHED -> errorBody(400, "EmulatedCrash", error.getMessage());
            case INJECTED -> error.code() == null ? errorBody(500, "InternalFailure", error.getMessage())
                    : errorBody(error.status() == 0 ? 400 : error.status(), error.code(), error.getMessage());
            case SERVICE -> errorBody(error.status(), error.code(), error.getMessage());
        };
    }

    private HttpResponse handle(String name, Requests request, HttpRequest http) {
        CloudState cloud = state.get();
        AwsCaller caller = AwsCaller.resolve(cloud, http);
        return switch (name) {
            case "CreateStateMachine" -> machines.create(request, caller, cloud.now());
            case "DescribeStateMachine" -> machines.describe(request);
            case "ListStateMachines" -> machines.list(request, caller);
            case "DeleteStateMachine" -> machines.delete(request);
            case "StartExecution" -> executions.start(request, cloud.baseUrl);
            case "DescribeExecution" -> executions.describe(request);
            case "GetExecutionHistory" -> executions.history(request);
            case "ListExecutions" -> executions.list(request);
            case "DescribeMapRun" -> mapRuns.describe(request);
            case "ListMapRuns" -> mapRuns.list(request);
            default -> executions.stop(request);
        };
    }

    private static JsonNode body(HttpRequest request) {
        String text = request.bodyText();
        if (text.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode body = Json.parse(text);
            if (!body.isObject()) {
                throw new IllegalArgumentException("the body is not a JSON object");
            }
            return body;
        } catch (IllegalArgumentException e) {
            throw ApiError.of("SerializationException", 400, "The request body is not valid JSON: " + e.getMessage());
        }
    }

    private static HttpResponse errorBody(int status, String code, String message) {
        return HttpResponse.of(status, ApiJson.CONTENT_TYPE,
                Json.write(Json.object().put("__type", code).put("message", message)));
    }
}
