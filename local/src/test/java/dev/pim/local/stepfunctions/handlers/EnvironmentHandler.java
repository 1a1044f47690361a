package dev.pim.local.stepfunctions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reports what a handler sees of its environment: the SDK's system properties and its Context. */
public final class EnvironmentHandler implements RequestHandler<Object, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Object input, Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("endpoint", System.getProperty("aws.endpointUrl"));
        out.put("region", System.getProperty("aws.region"));
        out.put("accessKeyId", System.getProperty("aws.accessKeyId"));
        out.put("function", context.getFunctionName());
        out.put("arn", context.getInvokedFunctionArn());
        out.put("remainingMillis", context.getRemainingTimeInMillis());
        out.put("input", input);
        return out;
    }
}
