package dev.pim.local.fault;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.Operation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Faults the emulator injects into the calls it serves, settable per run: fixed latency, token-bucket rate
 * limits per API family, errors by operation, responses lost after the call was applied, and a simulated crash
 * after the k-th mutating call. Thread-safe; {@link #reset()} clears everything.
 */
public final class FaultInjector {
    private final LongSupplier nanoClock;
    private volatile Duration latency = Duration.ZERO;
    private final Map<String, Duration> latencyByOperation = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> rateLimits = new ConcurrentHashMap<>();
    private final List<ArmedRule> errorRules = new CopyOnWriteArrayList<>();
    private final LostResponses lostResponses = new LostResponses();
    private volatile Random random = new Random(42);
    private volatile int crashAfter;
    private final AtomicInteger mutationsSinceArmed = new AtomicInteger();
    private volatile boolean crashed;
    private final AtomicLong throttled = new AtomicLong();
    private final Map<String, AtomicLong> throttledByOperation = new ConcurrentHashMap<>();
    private final AtomicLong injected = new AtomicLong();

    private static final class ArmedRule {
        final ErrorRule rule;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger fired = new AtomicInteger();

        ArmedRule(ErrorRule rule) {
            this.rule = rule;
        }
    }

    public FaultInjector() {
        this(System::nanoTime);
    }

    public FaultInjector(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Every call waits this long before it is served. */
    public FaultInjector latency(Duration latency) {
        this.latency = requireNonNegative(latency);
        return this;
    }

    /** Calls of one operation ({@code iam:GetRole}) wait this long, instead of the global latency. */
    public FaultInjector latency(String operationKey, Duration latency) {
        latencyByOperation.put(operationKey, requireNonNegative(latency));
        return this;
    }

    /**
     * Limits a family of calls ({@code iam:read}, {@code iam:write}, {@code eks:read}, {@code k8s:write}...)
     * to {@code perSecond} with bursts of {@code burst}; calls over it are answered as the service throttles.
     */
    public FaultInjector rateLimit(String family, double perSecond, int burst) {
        if (!family.matches("[a-z0-9]+:(read|write)")) {
            throw new IllegalArgumentException("a rate-limit family looks like 'iam:read' or 'eks:write', got " + family);
        }
        rateLimits.put(family, new TokenBucket(perSecond, burst, nanoClock.getAsLong()));
        return this;
    }

    public FaultInjector error(ErrorRule rule) {
        errorRules.add(new ArmedRule(rule));
        return this;
    }

    /** Applies the matching calls but loses their answers: see {@link LostResponse}. */
    public FaultInjector loseResponse(LostResponse rule) {
        lostResponses.add(rule);
        return this;
    }

    /** Seeds the randomness of probabilistic error rules and lost responses, for repeatable runs. */
    public FaultInjector seed(long seed) {
        this.random = new Random(seed);
        return this;
    }

    /** After {@code k} more mutating calls succeed, every call fails until {@link #reset()}. */
    public FaultInjector crashAfterMutatingCalls(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("crash needs k >= 1, got " + k);
        }
        mutationsSinceArmed.set(0);
        crashed = false;
        crashAfter = k;
        return this;
    }

    public boolean crashed() {
        return crashed;
    }

    public long throttledCalls() {
        return throttled.get();
    }

    /** Throttled attempts by operation key ({@code iam:UpdateAssumeRolePolicy}): the bench subtracts them from the served calls. */
    public Map<String, Long> throttledByOperation() {
        Map<String, Long> out = new java.util.TreeMap<>();
        throttledByOperation.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long injectedErrors() {
        return injected.get();
    }

    /** Answers lost after their call was applied. */
    public long lostResponses() {
        return lostResponses.count();
    }

    public void reset() {
        latency = Duration.ZERO;
        latencyByOperation.clear();
        rateLimits.clear();
        errorRules.clear();
        lostResponses.reset();
        random = new Random(42);
        crashAfter = 0;
        mutationsSinceArmed.set(0);
        crashed = false;
        throttled.set(0);
        throttledByOperation.clear();
        injected.set(0);
    }

    /** Decides, before a call is served, whether it fails; throws the failure. */
    public void beforeCall(Operation operation) {
        if (crashed) {
            throw new ApiError(ApiError.Kind.CRASHED, "EmulatedCrash", 0,
                    "simulated crash after mutating call " + crashAfter + ": every call fails until the emulator is reset");
        }
        TokenBucket bucket = rateLimits.get(operation.family());
        if (bucket != null && !bucket.tryAcquire(nanoClock.getAsLong())) {
            throttled.incrementAndGet();
            throttledByOperation.computeIfAbsent(operation.key(), k -> new AtomicLong()).incrementAndGet();
            throw new ApiError(ApiError.Kind.THROTTLED, null, 0, "Rate exceeded");
        }
        for (ArmedRule armed : errorRules) {
            if (!armed.rule.operation().equals(operation.key())) {
                continue;
            }
            int call = armed.calls.incrementAndGet();
            boolean exhausted = armed.rule.times() > 0 && armed.fired.get() >= armed.rule.times();
            boolean hit = armed.rule.nthCall() > 0 ? call == armed.rule.nthCall()
                    : random.nextDouble() < armed.rule.probability();
            if (hit && !exhausted) {
                armed.fired.incrementAndGet();
                injected.incrementAndGet();
                ErrorRule rule = armed.rule;
                throw new ApiError(ApiError.Kind.INJECTED, rule.code(), rule.status(),
                        rule.message() != null ? rule.message() : "injected failure of " + operation.key());
            }
        }
    }

    /** Whether, and how, the answer to a call that was just applied (answered 2xx) is lost. */
    public Optional<LostResponse.Mode> responseLost(Operation operation) {
        return lostResponses.decide(operation, random);
    }

    /** How long to hold a call before serving it. */
    public Duration latencyFor(Operation operation) {
        return latencyByOperation.getOrDefault(operation.key(), latency);
    }

    /** Counts a mutating call that succeeded; arms the crash when it was the k-th. */
    public void afterSuccess(Operation operation) {
        if (operation.mutating() && crashAfter > 0 && mutationsSinceArmed.incrementAndGet() >= crashAfter) {
            crashed = true;
        }
    }

    private static Duration requireNonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + d);
        }
        return d;
    }
}
