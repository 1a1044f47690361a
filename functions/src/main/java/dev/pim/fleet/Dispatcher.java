package dev.pim.fleet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Clock;

/**
 * Turns a migration request into one execution of the cluster state machine: a deterministic execution name, so
 * a duplicate message never starts a second migration, and a global cap on running migrations: a request over
 * the cap is handed back to the queue, to be tried again when its visibility timeout ends.
 */
public final class Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Executions executions;
    private final FleetLedger ledger;
    private final int cap;
    private final Clock clock;

    /** What became of one message. */
    public enum Outcome {
        STARTED,
        DUPLICATE,
        /** Over the cap: back to the queue. */
        DEFERRED
    }

    public Dispatcher(Executions executions, FleetLedger ledger, int cap, Clock clock) {
        if (cap < 1) {
            throw new IllegalArgumentException("MAX_RUNNING_MIGRATIONS must be at least 1, got " + cap);
        }
        this.executions = executions;
        this.ledger = ledger;
        this.cap = cap;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException for a malformed message (after the queue's attempts it goes to the
     *                                  dead-letter queue)
     */
    public Outcome dispatch(String body) {
        MigrationRequest request = parse(body);
        if (executions.running(cap) >= cap) {
            return Outcome.DEFERRED;
        }
        if (executions.start(request.executionName(), input(request)) == Executions.Started.ALREADY_EXISTS) {
            return Outcome.DUPLICATE;
        }
        ledger.record(new FleetLedger.ClusterState(request.accountId(), request.region(), request.cluster(), "running",
                null, null, request.executionName(), null, clock.instant()));
        return Outcome.STARTED;
    }

    public static MigrationRequest parse(String body) {
        try {
            MigrationRequest request = JSON.readValue(body, MigrationRequest.class);
            if (request == null) {
                throw new IllegalArgumentException("the message is empty");
            }
            return request.validated();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a migration request: " + e.getMessage().lines().findFirst().orElse(""), e);
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

    private static void putIfTrue(com.fasterxml.jackson.databind.node.ObjectNode node, String field, Boolean value) {
        if (Boolean.TRUE.equals(value)) {
            node.put(field, true);
        }
    }
}
