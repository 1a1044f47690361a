package dev.pim.app;

import java.net.URI;
import java.util.function.Function;

/**
 * What a function's environment is built from, as the stack gives it ({@code template.yaml}'s {@code Environment}
 * and the Lambda runtime's variables), or as a local run states it.
 *
 * @param region                where the stack runs: the default region of every input ({@code AWS_REGION})
 * @param endpoint              the endpoint every client talks to, or null for AWS's own ({@code AWS_ENDPOINT_URL})
 * @param journalTable          the ledger table: runs, plans, role leases, the fleet's record ({@code JOURNAL_TABLE})
 * @param roleLeases            whether role edits take a per-role lease ({@code ROLE_LEASES=off} turns them off:
 *                              only the test that proves them needed does that)
 * @param defaultMaxConcurrency the Map states' concurrency when an execution's input does not say
 *                              ({@code DEFAULT_MAX_CONCURRENCY})
 * @param resultsQueueUrl       where reports are published, or null ({@code RESULTS_QUEUE_URL})
 * @param sessionCapacity       how many clusters' sessions a warm environment keeps open
 * @param fleet                 the fleet functions' settings
 */
public record FunctionSettings(String region, URI endpoint, String journalTable, boolean roleLeases,
                               int defaultMaxConcurrency, String resultsQueueUrl, int sessionCapacity,
                               FleetSettings fleet) {
    /** Clusters a warm function keeps a session (a Kubernetes client) for; the least recently used is closed. */
    public static final int DEFAULT_SESSION_CAPACITY = 16;

    /**
     * The settings named by environment variables.
     *
     * @param variables the value of a variable, or null when it is not set
     * @throws IllegalStateException when {@code AWS_REGION} or {@code JOURNAL_TABLE} is missing
     */
    public static FunctionSettings fromVariables(Function<String, String> variables) {
        Function<String, String> set = name -> {
            String value = variables.apply(name);
            return value == null || value.isBlank() ? null : value;
        };
        String region = set.apply("AWS_REGION");
        if (region == null) {
            throw new IllegalStateException("AWS_REGION is not set");
        }
        String table = set.apply("JOURNAL_TABLE");
        if (table == null) {
            throw new IllegalStateException("JOURNAL_TABLE is not set: the name of the stack's journal table");
        }
        String endpoint = set.apply("AWS_ENDPOINT_URL");
        String concurrency = set.apply("DEFAULT_MAX_CONCURRENCY");
        return new FunctionSettings(region, endpoint == null ? null : URI.create(endpoint), table,
                !"off".equalsIgnoreCase(set.apply("ROLE_LEASES")), concurrency == null ? 4 : Integer.parseInt(concurrency),
                set.apply("RESULTS_QUEUE_URL"), DEFAULT_SESSION_CAPACITY, FleetSettings.fromVariables(set));
    }

    public FunctionSettings withoutRoleLeases() {
        return new FunctionSettings(region, endpoint, journalTable, false, defaultMaxConcurrency, resultsQueueUrl,
                sessionCapacity, fleet);
    }

    public FunctionSettings withSessionCapacity(int capacity) {
        return new FunctionSettings(region, endpoint, journalTable, roleLeases, defaultMaxConcurrency, resultsQueueUrl,
                capacity, fleet);
    }
}
