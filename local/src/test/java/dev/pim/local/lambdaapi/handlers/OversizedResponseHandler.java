package dev.pim.local.lambdaapi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Returns a 7 MB string: more than Lambda lets a synchronous invocation answer. */
public final class OversizedResponseHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "x".repeat(7 * 1024 * 1024);
    }
}
