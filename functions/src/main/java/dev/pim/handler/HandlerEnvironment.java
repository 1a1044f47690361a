package dev.pim.handler;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.engine.ClusterSession;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.apply.Sleeper;
import dev.pim.migration.apply.StepContext;
import dev.pim.migration.journal.Journal;
import dev.pim.fleet.FleetLedger;
import dev.pim.fleet.Results;
import dev.pim.migration.journal.PlanStore;
import dev.pim.migration.journal.RunRecord;
import dev.pim.migration.port.RoleLeases;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the handlers of one Lambda execution environment share, built once (cold start) and reused across
 * invocations: SDK clients per region and assumed role, one engine session per cluster, the journal and the
 * plan store on the DynamoDB table. Settings come from the environment the Lambda runtime gives, with the
 * SDK's system properties as a fallback for in-process runs (the local Step Functions).
 */
public final class HandlerEnvironment {
    private static volatile HandlerEnvironment shared;

    private final String defaultRegion;
    private final URI endpoint;
    private final Journal journal;
    private final PlanStore plans;
    private final RoleLeases leases;
    private final FleetLedger fleet;
    private final Results results;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration poll;
    private final Backoff backoff;
    private final int defaultMaxConcurrency;
    private final Map<String, AwsClients> clients = new ConcurrentHashMap<>();
    private final Map<String, ClusterSession> sessions = new ConcurrentHashMap<>();

    /** What the handlers keep in the ledger table: runs, plans, role leases, the fleet's record. */
    public record Ledger(Journal journal, PlanStore plans, RoleLeases leases, FleetLedger fleet) {
    }

    /**
     * @param results               where reports are published (the results queue), or {@link Results#NONE}
     * @param defaultMaxConcurrency the Map states' concurrency when an execution's input does not say (the
     *                              stack's {@code MaxConcurrency} parameter)
     */
    public HandlerEnvironment(String defaultRegion, URI endpoint, Ledger ledger, Results results, Clock clock,
                              Sleeper sleeper, Duration poll, Backoff backoff, int defaultMaxConcurrency) {
        this.defaultRegion = defaultRegion;
        this.endpoint = endpoint;
        this.journal = ledger.journal();
        this.plans = ledger.plans();
        this.leases = ledger.leases();
        this.fleet = ledger.fleet();
        this.results = results;
        this.clock = clock;
        this.sleeper = sleeper;
        this.poll = poll;
        this.backoff = backoff;
        this.defaultMaxConcurrency = defaultMaxConcurrency;
    }

    /** The environment of this execution environment, built on first use. */
    public static HandlerEnvironment shared() {
        HandlerEnvironment env = shared;
        if (env == null) {
            synchronized (HandlerEnvironment.class) {
                env = shared;
                if (env == null) {
                    env = LambdaWiring.fromEnvironment();
                    shared = env;
                }
            }
        }
        return env;
    }

    /** Replaces the shared environment (the local pipeline points the handlers at the local cloud). */
    public static synchronized void useShared(HandlerEnvironment env) {
        shared = env;
    }

    /** The input with defaults from this environment (region, concurrency), checked field by field. */
    public PipelineInput validate(PipelineInput input) {
        return input.validated(defaultRegion, defaultMaxConcurrency);
    }

    /** The region of this function (where the stack runs), the default of every input. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** The endpoint every client talks to, or null for AWS's own. */
    public URI endpoint() {
        return endpoint;
    }

    public Journal journal() {
        return journal;
    }

    public PlanStore plans() {
        return plans;
    }

    /** The role of the run's plan a Map iteration's event names by its index. */
    public PlanStore.RoleWork role(StepRequest step) {
        return role(step, "roleIndex");
    }

    /** The same, for a role of a batch: a role the plan does not have is named as the event's {@code field}. */
    public PlanStore.RoleWork role(StepRequest step, String field) {
        int index = step.requireRoleIndex();
        try {
            return plans.role(step.runId(), index);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("event field '" + field + "': " + e.getMessage(), e);
        }
    }

    public Clock clock() {
        return clock;
    }

    public RoleLeases leases() {
        return leases;
    }

    public FleetLedger fleet() {
        return fleet;
    }

    public Results results() {
        return results;
    }

    public Backoff backoff() {
        return backoff;
    }

    /** Makes {@code home} the clients of its region in this account (the wiring built them first). */
    void adopt(AwsClients home) {
        clients.put(home.region().id(), home);
    }

    /**
     * Checks that a step event names a run the Preflight state opened, of the cluster its input names: a step of
     * one run must not act on another cluster, nor a step of no run at all.
     */
    public void requireRunOf(StepRequest step) {
        step.requireRun();
        PipelineInput input = step.input();
        RunRecord run = journal.run(step.runId()).orElseThrow(() -> new InvalidInputException(
                "event field 'runId': no run '" + step.runId() + "' in the journal (runs are opened by the Preflight state)"));
        ClusterRef of = run.cluster();
        if (!of.name().equals(input.cluster()) || !of.region().equals(input.region())
                || (input.accountId() != null && !of.accountId().equals(input.accountId()))) {
            throw new InvalidInputException("event field 'input.cluster': '" + input.cluster() + "' in " + input.region()
                    + " is not the cluster of run " + step.runId() + ", which is " + of);
        }
    }

    /** The SDK clients of a region, acting through a member account's role when one is given. */
    public AwsClients clients(String region, String assumeRoleArn) {
        return clients(new PipelineInput("-", region, null, assumeRoleArn, null, null, null, null, null, null, null, null, null,
                null, null));
    }

    /** The engine for the input's cluster, in its account (assuming the input's role) and region. */
    public ClusterSession session(PipelineInput input) {
        String key = input.region() + "|" + input.assumeRoleArn() + "|" + input.cluster();
        return sessions.computeIfAbsent(key, k -> openSession(input));
    }

    /** A new engine for the input's cluster, not kept: the caller closes it (the fleet scan plans each cluster once). */
    public ClusterSession openSession(PipelineInput input) {
        return new ClusterSession(clients(input), input.cluster(), journal, leases, clock, sleeper, poll, backoff,
                new LoggingProgress());
    }

    public StepContext steps(PipelineInput input) {
        return session(input).steps();
    }

    private AwsClients clients(PipelineInput input) {
        AwsClients home = clients.computeIfAbsent(input.region(), r -> AwsClients.create(r, endpoint, null));
        if (input.assumeRoleArn() == null) {
            return home;
        }
        return clients.computeIfAbsent(input.region() + "|" + input.assumeRoleArn(),
                k -> home.assuming(input.assumeRoleArn(), "pod-identity-migrator"));
    }

    /**
     * The system property that stands in for an environment variable in an in-process run:
     * {@code MIGRATION_QUEUE_URL} → {@code pim.migrationQueueUrl}.
     */
    public static String localProperty(String environmentVariable) {
        StringBuilder out = new StringBuilder("pim.");
        boolean upper = false;
        for (char c : environmentVariable.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    static String setting(String environmentVariable, String systemProperty) {
        String value = System.getenv(environmentVariable);
        if (value == null || value.isBlank()) {
            value = System.getProperty(systemProperty);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
