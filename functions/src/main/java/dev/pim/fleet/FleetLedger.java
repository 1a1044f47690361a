package dev.pim.fleet;

import java.time.Instant;
import java.util.List;

/**
 * The fleet's record in the ledger table: the latest state of every cluster the scans saw and of every member
 * account, written by the scan, the dispatcher and each execution's report; read by {@code pim fleet status}.
 */
public interface FleetLedger {

    /** Replaces the cluster's state. */
    void record(ClusterState state);

    void record(AccountState state);

    List<ClusterState> clusters();

    List<AccountState> accounts();

    /**
     * @param status queued, running, succeeded, partial, failed, ineligible, opted-out, excluded,
     *               already-migrated, needs-attention (only bindings the migration cannot take are left)
     * @param reason why, for the states that are not plain progress
     */
    record ClusterState(String accountId, String region, String cluster, String status, String reason, String runId,
                        String executionName, Integer bindingsMigrated, Instant updatedAt) {

        public String key() {
            return accountId + "/" + region + "/" + cluster;
        }

        public ClusterState with(String newStatus, String newReason, Instant at) {
            return new ClusterState(accountId, region, cluster, newStatus, newReason, runId, executionName, bindingsMigrated, at);
        }
    }

    /** @param status reachable or unreachable (the member role could not be assumed) */
    record AccountState(String accountId, String status, String reason, Instant updatedAt) {
    }
}
