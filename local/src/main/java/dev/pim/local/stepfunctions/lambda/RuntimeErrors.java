package dev.pim.local.stepfunctions.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

/**
 * A function's failure as the Lambda Java runtime reports it and Step Functions passes it on: Error is the
 * exception's fully-qualified class name (the runtime's errorType), Cause is the runtime's error JSON.
 */
public final class RuntimeErrors {
    private static final int MAX_CAUSE_DEPTH = 5;

    private RuntimeErrors() {
    }

    static StatesError failure(Throwable thrown) {
        return new StatesError(thrown.getClass().getName(), Json.write(errorJson(thrown, JavaHandlerAdapter.class)));
    }

    /**
     * {@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...], "cause": {...}}} for what a handler threw
     * when {@code invoker} called it: like the runtime, which leaves its own frames out, the stack trace stops at the
     * first frame of {@code invoker}.
     */
    public static ObjectNode errorJson(Throwable thrown, Class<?> invoker) {
        return errorJson(thrown, invoker, 0);
    }

    private static ObjectNode errorJson(Throwable thrown, Class<?> invoker, int depth) {
        ObjectNode error = Json.object();
        if (thrown.getMessage() != null) {
            error.put("errorMessage", thrown.getMessage());
        }
        error.put("errorType", thrown.getClass().getName());
        ArrayNode trace = error.putArray("stackTrace");
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith(invoker.getName())) {
                break;
            }
            trace.add(frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                    + frame.getLineNumber() + ")");
        }
        if (thrown.getCause() != null && thrown.getCause() != thrown && depth < MAX_CAUSE_DEPTH) {
            error.set("cause", errorJson(thrown.getCause(), invoker, depth + 1));
        }
        return error;
    }
}
