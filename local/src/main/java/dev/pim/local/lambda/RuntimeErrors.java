package dev.pim.local.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A function's failure as the Lambda Java runtime reports it (in an Invoke's body, in the log, and as Step
 * Functions' Cause): {@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...], "cause": {...}}}.
 */
public final class RuntimeErrors {
    private static final int MAX_CAUSE_DEPTH = 5;

    private RuntimeErrors() {
    }

    /**
     * The error JSON of what an invocation threw. Like the runtime, which leaves its own frames out, the stack trace
     * stops at the first frame of whatever called the handler: its constructor (a handler that could not be created)
     * or {@link HandlerInvoker}.
     */
    public static ObjectNode errorJson(Throwable thrown) {
        return thrown instanceof LambdaRegistry.HandlerInitException init
                ? errorJson(init.getCause(), LambdaRegistry.class, 0)
                : errorJson(thrown, HandlerInvoker.class, 0);
    }

    private static ObjectNode errorJson(Throwable thrown, Class<?> invoker, int depth) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
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
