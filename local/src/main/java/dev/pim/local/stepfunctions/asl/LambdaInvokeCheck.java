package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.payload.PayloadTemplate;
import dev.pim.local.stepfunctions.task.TaskResource;

/** CreateStateMachine checks the parameters of the optimized Lambda integration: FunctionName is required. */
final class LambdaInvokeCheck {
    static final String LAMBDA_INVOKE = TaskResource.LAMBDA_INVOKE;

    private LambdaInvokeCheck() {
    }

    static void check(String resource, PayloadTemplate parameters, Fields f) {
        if (resource == null || !resource.equals(LAMBDA_INVOKE)) {
            return;
        }
        JsonNode template = parameters == null ? null : parameters.template();
        if (template == null || !template.isObject()) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field \"Parameters\" is required for " + LAMBDA_INVOKE, null);
        } else if (!template.has("FunctionName") && !template.has("FunctionName.$")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field \"FunctionName\" is required but was missing", "Parameters");
        }
    }
}
