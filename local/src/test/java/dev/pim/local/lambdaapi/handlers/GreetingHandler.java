package dev.pim.local.lambdaapi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A typed handler, as the product's are: a record in, a record out; it also reports what it sees of Lambda. */
public final class GreetingHandler implements RequestHandler<GreetingHandler.Request, GreetingHandler.Response> {

    public record Request(String name, int times) {
    }

    public record Response(String greeting, String function, String invokedArn, String requestId, String region,
                           String endpoint, int memoryMb, long remainingMillis) {
    }

    @Override
    public Response handleRequest(Request request, Context context) {
        return new Response("hello " + request.name() + "!".repeat(request.times()), context.getFunctionName(),
                context.getInvokedFunctionArn(), context.getAwsRequestId(), System.getProperty("aws.region"),
                System.getProperty("aws.endpointUrl"), context.getMemoryLimitInMB(), context.getRemainingTimeInMillis());
    }
}
