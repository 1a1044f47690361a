package dev.pim.app;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.fleet.FleetLedger;
import dev.pim.fleet.Results;
import dev.pim.migration.apply.Sleeper;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.journal.PlanStore;
import dev.pim.migration.port.RoleLeases;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the functions of one execution environment share, built once and reused across invocations: SDK clients
 * per region and assumed role, one engine session per recently served cluster, the journal and the plan store on
 * the ledger table. On Lambda, {@link LambdaRuntime} holds one; a local run builds as many as it needs, from
 * explicit {@link FunctionSettings} ({@link Wiring#environment}), and closes them.
 */
public final class ExecutionEnvironment implements AutoCloseable {
    private final FunctionSettings settings;
    private final Ledger ledger;
    private final Results results;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration poll;
    private final Backoff backoff;
    private final Map<String, AwsClients> clients = new ConcurrentHashMap<>();
    private final ClusterSessions<ClusterSession> sessions;

    /** What the handlers keep in the ledger table: runs, plans, role leases, the fleet's record. */
    public record Ledger(Journal journal, PlanStore plans, RoleLeases leases, FleetLedger fleet) {
    }

    /**
     * @param results where reports are published (the results queue), or {@link Results#NONE}
     * @param poll    how often a step polls what settles (an add-on, a rollout)
     */
    public ExecutionEnvironment(FunctionSettings settings, Ledger ledger, Results results, Clock clock, Sleeper sleeper,
                                Duration poll, Backoff backoff) {
        this.settings = settings;
        this.ledger = ledger;
        this.results = results;
        this.clock = clock;
        this.sleeper = sleeper;
        this.poll = poll;
        this.backoff = backoff;
        this.sessions = new ClusterSessions<>(settings.sessionCapacity());
    }

    public FunctionSettings settings() {
        return settings;
    }

    /** The region of this function (where the stack runs), the default of every input. */
    public String defaultRegion() {
        return settings.region();
    }

    /** The endpoint every client talks to, or null for AWS's own. */
    public URI endpoint() {
        return settings.endpoint();
    }

    public int defaultMaxConcurrency() {
        return settings.defaultMaxConcurrency();
    }

    public Journal journal() {
        return ledger.journal();
    }

    public PlanStore plans() {
        return ledger.plans();
    }

    public RoleLeases leases() {
        return ledger.leases();
    }

    public FleetLedger fleet() {
        return ledger.fleet();
    }

    public Results results() {
        return results;
    }

    public Clock clock() {
        return clock;
    }

    public Backoff backoff() {
        return backoff;
    }

    /** Makes {@code home} the clients of its region in this account (the wiring built them first). */
    void adopt(AwsClients home) {
        clients.put(home.region().id(), home);
    }

    /** The SDK clients of a region, acting through a member account's role when one is given. */
    public AwsClients clients(String region, String assumeRoleArn) {
        AwsClients home = clients.computeIfAbsent(region, r -> AwsClients.create(r, settings.endpoint(), null));
        if (assumeRoleArn == null) {
            return home;
        }
        return clients.computeIfAbsent(region + "|" + assumeRoleArn,
                k -> home.assuming(assumeRoleArn, "pod-identity-migrator"));
    }

    /** The engine for a cluster, in its account (assuming the role, if any) and region; kept while recently used. */
    public ClusterSession session(String region, String assumeRoleArn, String cluster) {
        return sessions.get(region + "|" + assumeRoleArn + "|" + cluster, k -> openSession(region, assumeRoleArn, cluster));
    }

    /** A new engine for a cluster, not kept: the caller closes it (the fleet scan plans each cluster once). */
    public ClusterSession openSession(String region, String assumeRoleArn, String cluster) {
        return new ClusterSession(clients(region, assumeRoleArn), cluster, ledger.journal(), ledger.leases(), clock, sleeper,
                poll, backoff, new LoggingProgress());
    }

    /** Closes the clusters' sessions and the SDK clients. */
    @Override
    public void close() {
        sessions.close();
        clients.values().forEach(AwsClients::close);
        clients.clear();
    }
}
