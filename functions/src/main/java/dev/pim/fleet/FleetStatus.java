package dev.pim.fleet;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet summary: how many clusters are done, in progress, failed or left out, and how many bindings were
 * migrated, with the clusters and accounts behind the numbers.
 */
public record FleetStatus(Map<String, Long> clustersByStatus, long bindingsMigrated,
                          List<FleetLedger.ClusterState> clusters, List<FleetLedger.AccountState> accounts) {

    public static FleetStatus of(FleetLedger ledger) {
        List<FleetLedger.ClusterState> clusters = ledger.clusters().stream()
                .sorted((a, b) -> a.key().compareTo(b.key())).toList();
        Map<String, Long> byStatus = new TreeMap<>();
        clusters.forEach(c -> byStatus.merge(c.status(), 1L, Long::sum));
        long migrated = clusters.stream().mapToLong(c -> c.bindingsMigrated() == null ? 0 : c.bindingsMigrated()).sum();
        return new FleetStatus(byStatus, migrated, clusters, ledger.accounts());
    }

    public long count(String status) {
        return clustersByStatus.getOrDefault(status, 0L);
    }

    /** Done: every cluster whose migration ended, well or not. */
    public long finished() {
        return count("succeeded") + count("partial") + count("failed");
    }

    public long inProgress() {
        return count("queued") + count("running");
    }
}
