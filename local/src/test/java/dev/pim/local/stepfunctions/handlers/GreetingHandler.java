package dev.pim.local.stepfunctions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.concurrent.atomic.AtomicInteger;

/** A typed handler, as the product's handlers are: JSON in as a record, a record out. */
public final class GreetingHandler implements RequestHandler<GreetingHandler.Request, GreetingHandler.Response> {
    /** How many instances exist: the runtime makes one per execution environment. */
    public static final AtomicInteger INSTANCES = new AtomicInteger();

    public record Request(String name, int times) {
    }

    public record Response(String greeting, String function, String requestId) {
    }

    public GreetingHandler() {
        INSTANCES.incrementAndGet();
    }

    @Override
    public Response handleRequest(Request request, Context context) {
        context.getLogger().log("greeting " + request.name());
        return new Response("hello " + request.name() + "!".repeat(request.times()), context.getFunctionName(),
                context.getAwsRequestId());
    }
}
