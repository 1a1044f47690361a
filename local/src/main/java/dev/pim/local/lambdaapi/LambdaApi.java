package dev.pim.local.lambdaapi;

import dev.pim.local.fixture.Fixture;
import dev.pim.local.lambda.LambdaEnvironment;
import dev.pim.local.lambda.LambdaRegistry;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The local cloud's Lambda API, for the functions registered with the local Step Functions
 * ({@code stepFunctions().lambdas()}): {@code aws lambda invoke --function-name FleetScanFunction out.json} runs the
 * registered handler class in-process, with the same handler instance, environment ({@link LambdaEnvironment}) and
 * serializers as Step Functions tasks and SQS event source mappings. Also GetFunction and ListFunctions. The
 * functions belong to the fixture's first account and answer in every region.
 */
public final class LambdaApi implements AutoCloseable {
    public static final String SIGNING_NAME = LambdaService.SIGNING_NAME;
    /** How long a reset waits for asynchronous invocations still running before it goes on regardless. */
    private static final Duration RESET_WAIT = Duration.ofSeconds(30);

    private final EventInvocations events = new EventInvocations();
    private final LambdaService service;

    /**
     * @param functions     the registered functions
     * @param endpoint      the local cloud's endpoint, where the handlers' AWS clients are pointed
     * @param fixture       the fixture in force, whose first account owns the functions
     * @param authenticator refuses a request whose access key the local cloud does not accept, by throwing the
     *                      {@link dev.pim.local.server.ApiError} of {@link dev.pim.local.server.AwsCaller#resolve}
     *                      (it may take the state lock: it runs before the handler, never during it)
     */
    public LambdaApi(LambdaRegistry functions, Supplier<URI> endpoint, Supplier<Fixture> fixture,
                     Consumer<HttpRequest> authenticator) {
        FunctionDirectory directory = new FunctionDirectory(functions, fixture);
        Supplier<LambdaEnvironment> environment = () -> LambdaEnvironment.localCloud(endpoint.get().toString());
        this.service = new LambdaService(authenticator, new InvokeOperation(directory, environment, events),
                new FunctionConfigurations(directory));
    }

    /** The API, for the local cloud's server. */
    public EmulatedService service() {
        return service;
    }

    /**
     * Waits until no asynchronous ({@code Event}) invocation is running, e.g. for a test that invoked a function
     * the way EventBridge Scheduler does.
     *
     * @return false if some still run after {@code timeout}
     */
    public boolean awaitEventInvocations(Duration timeout) throws InterruptedException {
        return events.awaitIdle(timeout);
    }

    /**
     * Lets the asynchronous invocations in progress finish (up to 30 seconds), so that none of them calls into the
     * state that replaces theirs. Call it without holding the local cloud's state lock: they may be calling it.
     */
    public void reset() {
        try {
            if (!events.awaitIdle(RESET_WAIT)) {
                System.err.println("[lambda] asynchronous invocations still running after " + RESET_WAIT
                        + ": the reset goes on without them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
