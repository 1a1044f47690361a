package dev.pim.local.stepfunctions.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

/**
 * A function's failure as the Lambda Java runtime reports it and Step Functions passes it on: Error is the
 * exception's fully-qualified class name (the runtime's errorType), Cause is the runtime's error JSON.
 */
final class RuntimeErrors {
    private static final int MAX_CAUSE_DEPTH = 5;

    private RuntimeErrors() {
    }

    static StatesError failure(Throwable thrown) {
        return new StatesError(thrown.getClass().getName(), Json.write(errorJson(thrown, 0)));
    }

    /** {@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...], "cause": {...}}}. */
    static ObjectNode errorJson(Throwable thrown, int depth) {
        ObjectNode error = Json.object();
        if (thrown.getMessage() != null) {
            error.put("errorMessage", thrown.getMessage());
        }
        error.put("errorType", thrown.getClass().getName());
        ArrayNode trace = error.putArray("stackTrace");
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith(JavaHandlerAdapter.class.getName())) {
                break;
            }
            trace.add(frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                    + frame.getLineNumber() + ")");
        }
        if (thrown.getCause() != null && thrown.getCause() != thrown && depth < MAX_CAUSE_DEPTH) {
            error.set("cause", errorJson(thrown.getCause(), depth + 1));
        }
        return error;
    }
}
