package dev.pim.fleet;

import dev.pim.aws.AwsClients;
import dev.pim.app.ClusterSession;
import dev.pim.migration.plan.BindingClass;
import dev.pim.migration.plan.MigrationPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

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
    /**
     * An in-flight state older than this is taken as lost (its message dead-lettered, its execution stopped
     * before its report) and the cluster is scanned again: no execution of ours runs that long.
     */
    static final Duration IN_FLIGHT_EXPIRY = Duration.ofHours(12);

    private final FleetConfig config;
    private final ClusterDirectory directory;
    private final ClusterPlanner planner;
    private final MigrationQueue queue;
    private final FleetLedger ledger;
    private final Clock clock;

    public record Result(int clusters, int queued, int skipped, List<String> unreachableAccounts) {
    }

    public FleetScanner(FleetConfig config, ClusterDirectory directory, ClusterPlanner planner, MigrationQueue queue,
                        FleetLedger ledger, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.planner = planner;
        this.queue = queue;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Scans every account and region, planning up to {@code concurrency} clusters at once (planning a cluster
     * is a few dozen read calls, most of them waiting on the network).
     */
    public Result scan(String requestId, int concurrency) {
        Map<String, FleetLedger.ClusterState> known = new HashMap<>();
        ledger.clusters().forEach(c -> known.put(c.key(), c));
        AtomicInteger clusters = new AtomicInteger();
        AtomicInteger queued = new AtomicInteger();
        List<String> unreachable = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            for (String account : config.accounts()) {
                String role = config.roleFor(account);
                List<Future<?>> planned = new ArrayList<>();
                try {
                    for (String region : config.regions()) {
                        for (String name : directory.clusters(region, role)) {
                            clusters.incrementAndGet();
                            planned.add(pool.submit(() -> {
                                if (scanCluster(requestId, account, region, role, name, known)) {
                                    queued.incrementAndGet();
                                }
                            }));
                        }
                    }
                    ledger.record(new FleetLedger.AccountState(account, "reachable", null, clock.instant()));
                } catch (FleetAccessException e) {
                    LOG.warn("account {} is unreachable: {}", account, e.getMessage());
                    unreachable.add(account);
                    ledger.record(new FleetLedger.AccountState(account, "unreachable",
                            "cannot act in the account" + (role == null ? "" : " through " + role) + ": " + e.getMessage(),
                            clock.instant()));
                }
                awaitAll(planned);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(clusters.get(), queued.get(), clusters.get() - queued.get(), unreachable);
    }

    private static void awaitAll(List<Future<?>> tasks) {
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the scan was interrupted", e);
            } catch (ExecutionException e) {
                // A cluster's own failure is recorded by scanCluster; anything escaping it is a bug or the
                // ledger failing, which must fail the scan (the schedule retries it).
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    /** @return whether a request was queued */
    private boolean scanCluster(String requestId, String account, String region, String role, String name,
                                Map<String, FleetLedger.ClusterState> known) {
        String key = account + "/" + region + "/" + name;
        FleetLedger.ClusterState previous = known.get(key);
        if (previous != null && IN_FLIGHT.contains(previous.status())
                && previous.updatedAt().isAfter(clock.instant().minus(IN_FLIGHT_EXPIRY))) {
            return false;
        }
        Map<String, String> tags;
        try {
            tags = directory.tags(region, role, name);
        } catch (FleetAccessException e) {
            record(account, region, name, "failed", "cannot describe the cluster: " + e.getMessage());
            return false;
        }
        var exclusion = config.selector().exclusion(name, tags);
        if (exclusion.isPresent()) {
            record(account, region, name, exclusion.get().startsWith("opted out") ? "opted-out" : "excluded", exclusion.get());
            return false;
        }
        MigrationPlan plan;
        try {
            plan = planner.plan(region, role, name);
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
            // A cluster we migrated keeps its record (run, bindings migrated); others are marked as found.
            if (previous == null || !previous.status().equals("succeeded")) {
                recordNothingToMigrate(account, region, name, plan);
            }
            return false;
        }
        queue.send(config.request(requestId, account, region, name));
        record(account, region, name, "queued", plan.migratable().size() + " binding(s) to migrate");
        return true;
    }

    /** Already migrated, or left on IRSA only by bindings the migration cannot take (with their classes). */
    private void recordNothingToMigrate(String account, String region, String name, MigrationPlan plan) {
        Map<BindingClass, Long> left = new EnumMap<>(plan.countsByClass());
        left.remove(BindingClass.ALREADY_MIGRATED);
        if (left.isEmpty()) {
            record(account, region, name, "already-migrated", "no IRSA binding left to migrate");
        } else {
            record(account, region, name, "needs-attention", "nothing the migration can take: " + left.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "))
                    + " (pim plan --cluster " + name + " says why)");
        }
    }

    private void record(String account, String region, String cluster, String status, String reason) {
        ledger.record(new FleetLedger.ClusterState(account, region, cluster, status, reason, null, null, null, clock.instant()));
    }
}
