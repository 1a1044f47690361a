package dev.pim.cli.bench;

import dev.pim.migration.plan.AssociationQuota;

import java.util.List;

/**
 * What one bench run was asked for (after validation).
 *
 * @param writeBurst      calls each family's token bucket holds: what the family may send at once after a pause
 * @param invariantChecks whether the emulator checks the migration's promises after every mutating call
 * @param associationsPerCluster the Pod Identity associations a cluster may hold, on both sides: the local cloud's
 *                        quota and the plan's (EKS's 5,000 by default; more only to run clusters EKS could not hold)
 */
public record BenchSettings(List<Integer> bindings, long seed, long latencyMillis, double writeRatePerSecond,
                            int concurrency, boolean concurrencyIsCliDefault, List<String> paths, int coldStartRuns,
                            int writeBurst, boolean invariantChecks, int associationsPerCluster) {

    public BenchSettings(List<Integer> bindings, long seed, long latencyMillis, double writeRatePerSecond,
                         int concurrency, boolean concurrencyIsCliDefault, List<String> paths, int coldStartRuns,
                         int writeBurst, boolean invariantChecks) {
        this(bindings, seed, latencyMillis, writeRatePerSecond, concurrency, concurrencyIsCliDefault, paths, coldStartRuns,
                writeBurst, invariantChecks, AssociationQuota.EKS_PER_CLUSTER);
    }

    public BenchSettings(List<Integer> bindings, long seed, long latencyMillis, double writeRatePerSecond,
                         int concurrency, boolean concurrencyIsCliDefault, List<String> paths, int coldStartRuns,
                         int writeBurst) {
        this(bindings, seed, latencyMillis, writeRatePerSecond, concurrency, concurrencyIsCliDefault, paths, coldStartRuns,
                writeBurst, true);
    }

    /** With the default burst: one second of writes. */
    public BenchSettings(List<Integer> bindings, long seed, long latencyMillis, double writeRatePerSecond,
                         int concurrency, boolean concurrencyIsCliDefault, List<String> paths, int coldStartRuns) {
        this(bindings, seed, latencyMillis, writeRatePerSecond, concurrency, concurrencyIsCliDefault, paths, coldStartRuns,
                oneSecondOf(writeRatePerSecond));
    }

    /**
     * AWS throttles an API family with a token bucket whose capacity is at least one second of its refill rate (EC2
     * documents 200 calls at 5/s for mutating actions, for instance), so that is the bench's default burst.
     */
    static int oneSecondOf(double writeRatePerSecond) {
        return (int) Math.max(1, Math.ceil(writeRatePerSecond));
    }
}
