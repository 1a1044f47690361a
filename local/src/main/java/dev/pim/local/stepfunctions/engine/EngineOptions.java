package dev.pim.local.stepfunctions.engine;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How the engine runs executions.
 *
 * @param clock              where an execution's time starts (the local cloud's clock)
 * @param virtualTimeReached told each time a strand's virtual time moves forward, with the instant reached
 * @param jitterSeed         seeds the randomness of {@code JitterStrategy: FULL}, for repeatable runs
 * @param quotas             the hard quotas enforced (AWS's by default)
 * @param childThreads       how many real threads one distributed Map runs its children on: each child is a real
 *                           thread here, so past this number children queue as if MaxConcurrency were lower. Only
 *                           virtual timestamps differ; which children run and what they return do not.
 */
public record EngineOptions(Supplier<Instant> clock, Consumer<Instant> virtualTimeReached, long jitterSeed,
                            Quotas quotas, int childThreads) {

    public static EngineOptions defaults() {
        return new EngineOptions(Instant::now, instant -> {
        }, 42L, Quotas.aws(), 100);
    }

    public EngineOptions withClock(Supplier<Instant> clock, Consumer<Instant> virtualTimeReached) {
        return new EngineOptions(clock, virtualTimeReached, jitterSeed, quotas, childThreads);
    }

    public EngineOptions withJitterSeed(long seed) {
        return new EngineOptions(clock, virtualTimeReached, seed, quotas, childThreads);
    }

    public EngineOptions withQuotas(Quotas limits) {
        return new EngineOptions(clock, virtualTimeReached, jitterSeed, limits, childThreads);
    }
}
