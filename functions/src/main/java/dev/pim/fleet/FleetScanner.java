package dev.pim.fleet;

import dev.pim.aws.AwsClients;
import dev.pim.engine.ClusterSession;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.model.Cluster;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduled scan: every cluster of the configured regions, in the home account and in each member account
 * (through its role), is checked against the selector and planned (read calls only); those that still have
 * IRSA bindings to migrate get one request on the migration queue. Every cluster's outcome is recorded in the
 * fleet ledger, and an account whose role cannot be assumed is recorded as unreachable without stopping the
 * others.
 */
public final class FleetScanner {
    private static final Logger LOG = LoggerFactory.getLogger(FleetScanner.class);
    private static final Set<String> IN_FLIGHT = Set.of("queued", "running");

    private final FleetConfig config;
    private final Access access;
    private final MigrationQueue queue;
    private final FleetLedger ledger;
    private final Clock clock;

    /** How the scan reaches an account's region, and a cluster's engine. */
    public interface Access {
        AwsClients clients(String region, String assumeRoleArn);

        ClusterSession session(String region, String assumeRoleArn, String cluster);
    }

    public record Result(int clusters, int queued, int skipped, List<String> unreachableAccounts) {
    }

    public FleetScanner(FleetConfig config, Access access, MigrationQueue queue, FleetLedger ledger, Clock clock) {
        this.config = config;
        this.access = access;
        this.queue = queue;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Result scan(String requestId) {
        Map<String, FleetLedger.ClusterState> known = new java.util.HashMap<>();
        ledger.clusters().forEach(c -> known.put(c.key(), c));
        int clusters = 0;
        int queued = 0;
        List<String> unreachable = new ArrayList<>();
        for (String account : config.accounts()) {
            String role = config.roleFor(account);
            try {
                for (String region : config.regions()) {
                    for (String name : listClusters(region, role)) {
                        clusters++;
                        queued += scanCluster(requestId, account, region, role, name, known) ? 1 : 0;
                    }
                }
                ledger.record(new FleetLedger.AccountState(account, "reachable", null, clock.instant()));
            } catch (SdkException e) {
                LOG.warn("account {} is unreachable: {}", account, e.getMessage());
                unreachable.add(account);
                ledger.record(new FleetLedger.AccountState(account, "unreachable",
                        "cannot act in the account" + (role == null ? "" : " through " + role) + ": " + e.getMessage(),
                        clock.instant()));
            }
        }
        return new Result(clusters, queued, clusters - queued, unreachable);
    }

    private List<String> listClusters(String region, String role) {
        return access.clients(region, role).eks().listClustersPaginator(r -> { }).clusters().stream().toList();
    }

    /** @return whether a request was queued */
    private boolean scanCluster(String requestId, String account, String region, String role, String name,
                                Map<String, FleetLedger.ClusterState> known) {
        String key = account + "/" + region + "/" + name;
        FleetLedger.ClusterState previous = known.get(key);
        if (previous != null && IN_FLIGHT.contains(previous.status())) {
            return false;
        }
        Cluster cluster = access.clients(region, role).eks().describeCluster(r -> r.name(name)).cluster();
        var exclusion = config.selector().exclusion(name, cluster.tags() == null ? Map.of() : cluster.tags());
        if (exclusion.isPresent()) {
            record(account, region, name, exclusion.get().startsWith("opted out") ? "opted-out" : "excluded", exclusion.get());
            return false;
        }
        MigrationPlan plan;
        try {
            plan = access.session(region, role, name).plan(MigrationOptions.planOnly());
        } catch (RuntimeException e) {
            record(account, region, name, "failed", "cannot plan: " + e.getMessage());
            return false;
        }
        if (!plan.preflight().passed()) {
            record(account, region, name, "ineligible", String.join("; ", plan.preflight().failures().stream()
                    .map(f -> f.detail()).toList()));
            return false;
        }
        if (plan.migratable().isEmpty()) {
            record(account, region, name, "already-migrated", "no IRSA binding left to migrate");
            return false;
        }
        queue.send(config.request(requestId, account, region, name));
        record(account, region, name, "queued", plan.migratable().size() + " binding(s) to migrate");
        return true;
    }

    private void record(String account, String region, String cluster, String status, String reason) {
        ledger.record(new FleetLedger.ClusterState(account, region, cluster, status, reason, null, null, null, clock.instant()));
    }
}
