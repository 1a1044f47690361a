package dev.pim.migration.apply;

import dev.pim.migration.ClusterRef;

import java.util.Optional;

/**
 * A run that stopped part-way (the process lost its endpoint, a call failed unexpectedly): it names the run, so
 * the operator can finish it (every step is idempotent) or roll it back, and says whether it had changed anything.
 *
 * @param changed whether the run had written anything; empty when the journal could not be read to tell
 */
public final class RunInterruptedException extends RuntimeException {
    private final String runId;
    private final ClusterRef cluster;
    private final transient Optional<Boolean> changed;

    public RunInterruptedException(String runId, ClusterRef cluster, Optional<Boolean> changed, RuntimeException cause) {
        super("run " + runId + " on " + cluster.name() + " stopped: " + cause.getMessage(), cause);
        this.runId = runId;
        this.cluster = cluster;
        this.changed = changed;
    }

    public String runId() {
        return runId;
    }

    public ClusterRef cluster() {
        return cluster;
    }

    /** Whether the run may have changed the cluster: true unless its journal shows it wrote nothing. */
    public boolean mayHaveChanged() {
        return changed.orElse(true);
    }
}
