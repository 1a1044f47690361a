package dev.pim.local.stepfunctions.engine;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How the engine runs executions.
 *
 * @param clock                   where an execution's time starts (the local cloud's clock)
 * @param virtualTimeReached      told each time a strand's virtual time moves forward, with the instant reached
 * @param jitterSeed              seeds the randomness of {@code JitterStrategy: FULL}, for repeatable runs
 * @param inlineMapConcurrency    how many inline Map iterations run at once when MaxConcurrency is 0 (AWS: 40)
 * @param distributedConcurrency  how many distributed Map children run at once when MaxConcurrency is 0 (AWS runs
 *                                up to 10,000; each is a real thread here)
 */
public record EngineOptions(Supplier<Instant> clock, Consumer<Instant> virtualTimeReached, long jitterSeed,
                            int inlineMapConcurrency, int distributedConcurrency) {

    public static EngineOptions defaults() {
        return new EngineOptions(Instant::now, instant -> {
        }, 42L, 40, 100);
    }

    public EngineOptions withClock(Supplier<Instant> clock, Consumer<Instant> virtualTimeReached) {
        return new EngineOptions(clock, virtualTimeReached, jitterSeed, inlineMapConcurrency, distributedConcurrency);
    }

    public EngineOptions withJitterSeed(long seed) {
        return new EngineOptions(clock, virtualTimeReached, seed, inlineMapConcurrency, distributedConcurrency);
    }
}
