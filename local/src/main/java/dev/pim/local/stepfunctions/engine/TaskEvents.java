package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.task.TaskResource;

/**
 * The history of one task attempt, as Step Functions records it: Task* events (with resourceType and resource)
 * for {@code lambda:invoke}, LambdaFunction* events for a function ARN.
 */
final class TaskEvents {
    private final TaskResource resource;
    private final StateVisit visit;

    TaskEvents(TaskResource resource, StateVisit visit) {
        this.resource = resource;
        this.visit = visit;
    }

    void scheduled(JsonNode parameters, String region) {
        ObjectNode details = Json.object();
        if (resource.lambdaFunction()) {
            details.put("resource", resource.arn());
            details.put("input", Json.write(parameters));
            details.putObject("inputDetails").put("truncated", false);
        } else {
            resourceFields(details);
            details.put("region", region);
            details.put("parameters", Json.write(parameters));
        }
        visit.record(resource.lambdaFunction() ? "LambdaFunctionScheduled" : "TaskScheduled", details);
    }

    void started() {
        if (resource.lambdaFunction()) {
            visit.record("LambdaFunctionStarted", null);
        } else {
            visit.record("TaskStarted", resourceFields(Json.object()));
        }
    }

    void succeeded(JsonNode result) {
        ObjectNode details = resource.lambdaFunction() ? Json.object() : resourceFields(Json.object());
        details.put("output", Json.write(result));
        details.putObject("outputDetails").put("truncated", false);
        visit.record(resource.lambdaFunction() ? "LambdaFunctionSucceeded" : "TaskSucceeded", details);
    }

    void failed(StatesError error) {
        ObjectNode details = resource.lambdaFunction() ? Json.object() : resourceFields(Json.object());
        details.setAll(ExecutionRun.errorDetails(error.error(), error.cause()));
        visit.record(resource.lambdaFunction() ? "LambdaFunctionFailed" : "TaskFailed", details);
    }

    private ObjectNode resourceFields(ObjectNode details) {
        details.put("resourceType", resource.resourceType());
        details.put("resource", resource.resource());
        return details;
    }
}
