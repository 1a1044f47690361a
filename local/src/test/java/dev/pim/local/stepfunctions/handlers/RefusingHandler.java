package dev.pim.local.stepfunctions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Always fails with an exception of its own, as a handler reports a condition the workflow can act on. */
public final class RefusingHandler implements RequestHandler<Map<String, Object>, String> {

    public static final class TargetNotReadyException extends RuntimeException {
        public TargetNotReadyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        throw new TargetNotReadyException("cluster " + input.get("cluster") + " has no Pod Identity agent",
                new IllegalStateException("addon eks-pod-identity-agent missing"));
    }
}
