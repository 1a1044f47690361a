package dev.pim.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.json.InvalidJsonException;
import dev.pim.json.StrictJson;

import dev.pim.migration.port.RoleLeases;

import java.time.Clock;
import java.time.Duration;

/**
 * Turns a migration request into one execution of the cluster state machine: a deterministic execution name, so
 * a duplicate message never starts a second migration, and a global cap on running migrations. A request over
 * the cap is sent again with a delay (and its cluster shown as waiting in the fleet ledger) rather than left to
 * reappear: every reappearance would count as a receive, and a busy fleet would push good requests into the
 * dead-letter queue that is meant for malformed ones.
 */
public final class Dispatcher {
    /** The lease that makes "count running executions, then start one" atomic across concurrent dispatchers. */
    static final String DISPATCH_LEASE = "dispatch";
    private static final Duration DISPATCH_LEASE_WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StrictJson MESSAGES = new StrictJson("the message");
    private final Executions executions;
    private final FleetLedger ledger;
    private final RoleLeases leases;
    private final MigrationQueue queue;
    private final int cap;
    private final Duration deferral;
    private final Clock clock;

    /** What became of one message. */
    public enum Outcome {
        STARTED,
        DUPLICATE,
        /** Over the cap: sent back to the queue, delayed. */
        DEFERRED
    }

    /**
     * @param leases   the ledger's leases ({@link #DISPATCH_LEASE} serialises the dispatchers)
     * @param queue    where a request over the cap goes back to
     * @param deferral how long such a request waits before it is tried again
     */
    public Dispatcher(Executions executions, FleetLedger ledger, RoleLeases leases, MigrationQueue queue, int cap,
                      Duration deferral, Clock clock) {
        if (cap < 1) {
            throw new IllegalArgumentException("MAX_RUNNING_MIGRATIONS must be at least 1, got " + cap);
        }
        if (deferral.isNegative() || deferral.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("DEFERRAL_SECONDS must be within 0..900, got " + deferral.toSeconds());
        }
        this.executions = executions;
        this.ledger = ledger;
        this.leases = leases;
        this.queue = queue;
        this.cap = cap;
        this.deferral = deferral;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException for a malformed message (after the queue's attempts it goes to the
     *                                  dead-letter queue)
     */
    public Outcome dispatch(String body) {
        MigrationRequest request = parse(body);
        return leases.withLease(DISPATCH_LEASE, DISPATCH_LEASE_WAIT, () -> {
            int running = executions.running(cap);
            if (running >= cap) {
                queue.sendLater(request, deferral);
                record(request, "queued", "waiting: " + running + " of " + cap + " migrations running; tried again in "
                        + deferral.toSeconds() + " s");
                return Outcome.DEFERRED;
            }
            if (executions.start(request.executionName(), input(request)) == Executions.Started.ALREADY_EXISTS) {
                return Outcome.DUPLICATE;
            }
            record(request, "running", null);
            return Outcome.STARTED;
        });
    }

    private void record(MigrationRequest request, String status, String reason) {
        ledger.record(new FleetLedger.ClusterState(request.accountId(), request.region(), request.cluster(), status,
                reason, null, request.executionName(), null, clock.instant()));
    }

    public static MigrationRequest parse(String body) {
        try {
            MigrationRequest request = MESSAGES.read(body, MigrationRequest.class);
            if (request == null) {
                throw new IllegalArgumentException("the message is empty");
            }
            return request.validated();
        } catch (InvalidJsonException e) {
            throw new IllegalArgumentException("not a migration request: " + e.getMessage(), e);
        }
    }

    /** The execution input: the request's cluster and options, in the state machine's input schema. */
    static String input(MigrationRequest r) {
        var node = JSON.createObjectNode().put("cluster", r.cluster()).put("region", r.region()).put("accountId", r.accountId());
        if (r.assumeRoleArn() != null) {
            node.put("assumeRoleArn", r.assumeRoleArn());
        }
        putIfTrue(node, "approve", r.approve());
        putIfTrue(node, "restartWorkloads", r.restartWorkloads());
        putIfTrue(node, "removeIrsaAnnotation", r.removeIrsaAnnotation());
        putIfTrue(node, "removeOidcTrust", r.removeOidcTrust());
        if (r.maxConcurrency() != null) {
            node.put("maxConcurrency", r.maxConcurrency());
        }
        return node.toString();
    }

    private static void putIfTrue(ObjectNode node, String field, Boolean value) {
        if (Boolean.TRUE.equals(value)) {
            node.put(field, true);
        }
    }
}
