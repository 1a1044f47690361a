package dev.pim.local.stepfunctions.engine;

import dev.pim.local.stepfunctions.asl.StateMachineDefinition;
import dev.pim.local.stepfunctions.task.TaskInvoker;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The States Language interpreter: runs executions of validated definitions on its own daemon threads, each
 * execution asynchronously, with Task states handed to a {@link TaskInvoker}. Wait states and retry delays
 * cost no real time: they move the execution's virtual clock.
 *
 * <pre>
 * try (StatesEngine engine = new StatesEngine(invoker, EngineOptions.defaults())) {
 *     ExecutionRun run = engine.run(DefinitionParser.parse(json), ExecutionSpec.adHoc("demo", input), Duration.ofSeconds(10));
 *     run.status(); run.output(); run.history();
 * }
 * </pre>
 */
public final class StatesEngine implements AutoCloseable {
    private final TaskInvoker invoker;
    private final EngineOptions options;
    private final ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
    private final Random jitter;

    public StatesEngine(TaskInvoker invoker, EngineOptions options) {
        this.invoker = invoker;
        this.options = options;
        this.jitter = new Random(options.jitterSeed());
    }

    /** Starts an execution and returns at once. */
    public ExecutionRun start(StateMachineDefinition definition, ExecutionSpec spec, ExecutionListener listener) {
        ExecutionClock clock = new ExecutionClock(options.clock().get(), options.virtualTimeReached());
        ExecutionRun run = new ExecutionRun(spec, definition.graph(), clock, new CancelScope(null), jitter,
                options.quotas(), listener);
        pool.submit(() -> run.execute(new Interpreter(run, this)));
        return run;
    }

    /**
     * Runs an execution to its end.
     *
     * @throws IllegalStateException when it is still running after {@code timeout} (real time)
     */
    public ExecutionRun run(StateMachineDefinition definition, ExecutionSpec spec, Duration timeout) {
        ExecutionRun run = start(definition, spec, ExecutionListener.NONE);
        try {
            if (!run.await(timeout)) {
                run.stop("States.Timeout", "the caller stopped waiting after " + timeout);
                throw new IllegalStateException("execution " + spec.name() + " still running after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
        }
        return run;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    TaskInvoker invoker() {
        return invoker;
    }

    ExecutorService pool() {
        return pool;
    }

    EngineOptions options() {
        return options;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "states-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
