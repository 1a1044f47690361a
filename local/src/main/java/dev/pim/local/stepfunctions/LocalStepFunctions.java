package dev.pim.local.stepfunctions;

import dev.pim.local.clock.LocalClock;
import dev.pim.local.lambda.LambdaEnvironment;
import dev.pim.local.lambda.LambdaRegistry;
import dev.pim.local.lambda.LambdaServiceFaults;
import dev.pim.local.lambda.LambdaTaskInvoker;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.state.CloudState;
import dev.pim.local.stepfunctions.api.StateMachineStore;
import dev.pim.local.stepfunctions.api.StepFunctionsBackend;
import dev.pim.local.stepfunctions.api.StepFunctionsService;
import dev.pim.local.stepfunctions.engine.EngineOptions;
import dev.pim.local.stepfunctions.engine.ExecutionListener;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.Quotas;
import dev.pim.local.stepfunctions.engine.StatesEngine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The local cloud's Step Functions: the API (signing name {@code states}) over an in-process interpreter of the
 * Amazon States Language, whose Task states invoke real Java Lambda handler classes.
 *
 * <ul>
 *   <li>Register handlers before starting executions: {@code lambdas().register("arn:aws:lambda:us-west-2:111122223333:function:Preflight",
 *       "dev.pim.handler.PreflightHandler")}.</li>
 *   <li>Handlers reach the local cloud through the AWS SDK's system properties ({@code aws.endpointUrl},
 *       {@code aws.region}, {@code aws.accessKeyId}/{@code aws.secretAccessKey} = test/test), set before each
 *       invocation; on Lambda they would be environment variables.</li>
 *   <li>Wait states and retry delays cost no real time. They also move the local cloud's clock forward, so what
 *       the emulator does over time (IAM propagation, add-ons settling) sees them pass.</li>
 *   <li>{@link #addListener} hears every history event as it happens, to follow executions state by state.</li>
 * </ul>
 */
public final class LocalStepFunctions implements AutoCloseable {
    private final LambdaRegistry lambdas = new LambdaRegistry();
    private final LambdaServiceFaults lambdaFaults = new LambdaServiceFaults();
    private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
    private final StateMachineStore store = new StateMachineStore();
    private final LocalClock clock;
    private final StatesEngine engine;
    private volatile LambdaEnvironment environment = LambdaEnvironment.NONE;

    public LocalStepFunctions(LocalClock clock) {
        this(clock, Quotas.aws());
    }

    /** With other quotas than AWS's, for tests that reach a limit cheaply. */
    public LocalStepFunctions(LocalClock clock, Quotas quotas) {
        this.clock = clock;
        this.engine = new StatesEngine(new LambdaTaskInvoker(lambdas, lambdaFaults, () -> environment, quotas),
                EngineOptions.defaults().withClock(clock::now, this::virtualTimeReached).withQuotas(quotas));
    }

    /** The Step Functions API over this store, for the local cloud's server. */
    public EmulatedService service(Supplier<CloudState> state) {
        ExecutionListener fanOut = (run, event) -> listeners.forEach(l -> l.onEvent(run, event));
        return new StepFunctionsService(state, new StepFunctionsBackend(store, engine, fanOut,
                endpoint -> environment = LambdaEnvironment.localCloud(endpoint)));
    }

    /** Which handler class implements which function. */
    public LambdaRegistry lambdas() {
        return lambdas;
    }

    /** Lambda service errors to inject on chosen invocations. */
    public LambdaServiceFaults lambdaFaults() {
        return lambdaFaults;
    }

    public void addListener(ExecutionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ExecutionListener listener) {
        listeners.remove(listener);
    }

    /** An execution started through the API, to wait for or inspect in-process. */
    public Optional<ExecutionRun> execution(String executionArn) {
        return store.run(executionArn);
    }

    /** Waits for an execution started through the API to end; the run, or empty if it is unknown or still running. */
    public Optional<ExecutionRun> await(String executionArn, Duration timeout) throws InterruptedException {
        Optional<ExecutionRun> run = store.run(executionArn);
        if (run.isEmpty() || !run.get().await(timeout)) {
            return Optional.empty();
        }
        return run;
    }

    /** Stops every execution, forgets every state machine and injected Lambda fault; registered handlers stay. */
    public void reset() {
        store.clear();
        lambdaFaults.reset();
    }

    @Override
    public void close() {
        reset();
        engine.close();
    }

    private void virtualTimeReached(Instant instant) {
        // Several strands may push at once: advance to the furthest instant, never by the sum of their waits.
        synchronized (clock) {
            Duration ahead = Duration.between(clock.now(), instant);
            if (!ahead.isNegative() && !ahead.isZero()) {
                clock.advance(ahead);
            }
        }
    }
}
