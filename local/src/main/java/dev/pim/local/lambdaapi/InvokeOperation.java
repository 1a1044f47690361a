package dev.pim.local.lambdaapi;

import dev.pim.local.lambda.HandlerInvoker;
import dev.pim.local.lambda.InvocationResult;
import dev.pim.local.lambda.LambdaEnvironment;
import dev.pim.local.lambda.LocalLambdaContext;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Invoke: runs a registered handler in-process, as Lambda would run the function. {@code RequestResponse} runs it
 * on the request's thread and answers with its response; {@code Event} answers 202 at once and runs it on a
 * background thread; {@code DryRun} only checks the request (204). Neither holds the local cloud's state lock:
 * the handler calls the local cloud itself.
 */
final class InvokeOperation {
    private final FunctionDirectory directory;
    private final Supplier<LambdaEnvironment> environment;
    private final EventInvocations events;

    InvokeOperation(FunctionDirectory directory, Supplier<LambdaEnvironment> environment, EventInvocations events) {
        this.directory = directory;
        this.environment = environment;
        this.events = events;
    }

    HttpResponse invoke(HttpRequest http, String functionName, String region) {
        InvokeRequest request = InvokeRequest.parse(http, functionName);
        FunctionDirectory.Target target = directory.resolve(request.function(), region);
        byte[] event = request.event();
        return switch (request.type()) {
            case DRY_RUN -> new HttpResponse(204, Map.of(), new byte[0]);
            case EVENT -> {
                events.submit(() -> runInBackground(target, region, event));
                yield new HttpResponse(202, Map.of(), new byte[0]);
            }
            case REQUEST_RESPONSE -> run(target, region, event).response(request.tail());
        };
    }

    private InvocationOutcome run(FunctionDirectory.Target target, String region, byte[] event) {
        LocalLambdaContext context = new LocalLambdaContext(target.function(), target.invokedArn(),
                target.function().timeout());
        long start = System.nanoTime();
        InvocationResult result = HandlerInvoker.invoke(directory.registry(), target.function(), environment.get(),
                region, event, context);
        return new InvocationOutcome(target.function(), result, context.getAwsRequestId(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Nobody waits for an asynchronous invocation's answer: a failure goes to the log, as on Lambda. */
    private void runInBackground(FunctionDirectory.Target target, String region, byte[] event) {
        InvocationOutcome outcome = run(target, region, event);
        outcome.errorJson().ifPresent(error -> System.err.println("[lambda " + target.function().name() + " "
                + outcome.requestId() + "] asynchronous invocation failed: " + error));
    }
}
