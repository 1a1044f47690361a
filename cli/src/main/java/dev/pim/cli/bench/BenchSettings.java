package dev.pim.cli.bench;

import java.util.List;

/** What one bench run was asked for (after validation). */
public record BenchSettings(List<Integer> bindings, long seed, long latencyMillis, double writeRatePerSecond,
                            int concurrency, boolean concurrencyIsCliDefault, List<String> paths, int coldStartRuns) {
}
