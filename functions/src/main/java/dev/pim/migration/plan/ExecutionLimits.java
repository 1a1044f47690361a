package dev.pim.migration.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one execution of the cluster state machine needs of Step Functions' and Lambda's hard quotas, for a
 * plan and a role batch size, worked out before anything changes so that a cluster too large for one execution
 * is refused in the plan, naming the limit, instead of failing half-way.
 *
 * <p>The shape it models: the role states (MigrateRoles, StripOidcTrust) are Distributed Maps over the plan's
 * role indexes, {@code roleBatchSize} roles per child execution, each child one batch Lambda. The parent's
 * history does not grow with the roles; the Map's items array and the Map's results do.
 *
 * @param roles              roles in the plan (the Map's items)
 * @param batchSize          roles per child execution
 * @param batches            child executions per role Map
 * @param parallelism        roles at once inside one batch Lambda
 * @param mapConcurrency     child executions at once (roles in flight stay at {@code maxConcurrency})
 * @param parentEvents       worst-case history events of the parent execution (every retry taken, every poll)
 * @param childEvents        worst-case history events of one child execution (independent of the batch size)
 * @param itemsBytes         the role indexes array, as JSON, in the parent's state
 * @param largestStateBytes  the largest state payload of the parent (its input, the items, every batch crashed)
 * @param batchInputBytes    the largest child execution input (BatchInput and its items)
 * @param batchSeconds       the slowest batch Lambda at the account's write rates, shared by the batches at once
 */
public record ExecutionLimits(int roles, int batchSize, int batches, int parallelism, int mapConcurrency,
                              long parentEvents, long childEvents, long itemsBytes, long largestStateBytes,
                              long batchInputBytes, long batchSeconds) {

    /** Step Functions: events in one execution's history (hard quota). */
    public static final long MAX_HISTORY_EVENTS = 25_000;
    /** Step Functions: a state's input or output, and an execution's input (hard quota). */
    public static final long MAX_PAYLOAD_BYTES = 256 * 1024;
    /** Lambda: a function's longest run; the batch functions are deployed with it. */
    public static final long MAX_LAMBDA_SECONDS = 900;
    /** Step Functions: child executions of one Distributed Map running at once. */
    public static final int MAX_DISTRIBUTED_CONCURRENCY = 10_000;
    /** The roleBatchSize an input may ask for; the default keeps a batch's Lambda far from 15 minutes. */
    public static final int MIN_BATCH = 1;
    public static final int MAX_BATCH = 500;
    public static final int DEFAULT_BATCH = 50;
    /** What a batch hands back at most (counts and a crash summary cut to fit). */
    public static final int MAX_BATCH_OUTPUT_BYTES = 256;
    /** Account write rates assumed per API family (IAM, EKS), calls per second: the bench's defaults. */
    static final double WRITES_PER_SECOND = 10;
    /** How long the association step may wait out IAM propagation for one role (see CreateAssociations). */
    static final long PROPAGATION_SECONDS = 120;
    /** The rest of the parent's state beside the items and the input: discovery counts, run id, crash lists' keys. */
    static final long STATE_OVERHEAD_BYTES = 4 * 1024;
    /** One Lambda task's events taking every retry: 5 for the try, 3 per retry (6 + 8 retriers). */
    static final long TASK_EVENTS = 5 + 3 * 14;
    /** The parent's states outside the loops and the role Maps (Preflight, Discover, Verify, Report, ...). */
    static final long FIXED_TASKS = 10;
    static final long FIXED_OTHER_EVENTS = 40;
    /** One poll of a wait loop: the Wait state (2), the status task without retries (5), the Choice (2). */
    static final long POLL_EVENTS = 9;
    /** A Distributed Map in the parent: entered, MapStateStarted, MapRunStarted/Succeeded, MapStateSucceeded, exited. */
    static final long DISTRIBUTED_MAP_EVENTS = 6;
    /** A child: started, its batch task, a crash Pass, succeeded. */
    static final long CHILD_EVENTS = 2 + TASK_EVENTS + 2;

    /**
     * @param plan           the plan (roles and their associations)
     * @param batchSize      the input's roleBatchSize
     * @param maxConcurrency the input's maxConcurrency: roles in flight at once
     * @param inputBytes     the validated execution input, as JSON
     * @param timeoutSeconds the input's timeoutSeconds: how long the agent and add-on polls may go on
     */
    public static ExecutionLimits of(MigrationPlan plan, int batchSize, int maxConcurrency, int inputBytes,
                                     int timeoutSeconds) {
        List<Integer> writesPerRole = plan.roles().stream().map(r -> 1 + r.associations().size()).toList();
        return of(writesPerRole, plan.addons().size(), batchSize, maxConcurrency, inputBytes, timeoutSeconds);
    }

    /** @param writesPerRole for each role in plan order: its trust update and its associations */
    public static ExecutionLimits of(List<Integer> writesPerRole, int addons, int batchSize, int maxConcurrency,
                                     int inputBytes, int timeoutSeconds) {
        if (batchSize < MIN_BATCH || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("roleBatchSize must be within " + MIN_BATCH + ".." + MAX_BATCH + ", got " + batchSize);
        }
        int roles = writesPerRole.size();
        int batches = (roles + batchSize - 1) / batchSize;
        int parallelism = parallelism(batchSize, maxConcurrency);
        int mapConcurrency = mapConcurrency(batchSize, maxConcurrency);
        long polls = WaitSchedule.pollsWithin(timeoutSeconds);
        long parentEvents = FIXED_TASKS * TASK_EVENTS + FIXED_OTHER_EVENTS + 2 * DISTRIBUTED_MAP_EVENTS
                + polls * POLL_EVENTS * (1 + addons) + addons * (TASK_EVENTS + 6);
        long itemsBytes = indexesBytes(roles);
        long largestState = inputBytes + itemsBytes + STATE_OVERHEAD_BYTES + (long) batches * MAX_BATCH_OUTPUT_BYTES;
        long rawResults = (long) batches * (MAX_BATCH_OUTPUT_BYTES + 1) + 2;
        long batchInput = inputBytes + 512 + (long) Math.min(batchSize, Math.max(roles, 1)) * (digits(roles) + 1) + 2;
        long slowestBatchWrites = 0;
        for (int from = 0; from < roles; from += batchSize) {
            long writes = 0;
            for (int i = from; i < Math.min(roles, from + batchSize); i++) {
                writes += writesPerRole.get(i);
            }
            slowestBatchWrites = Math.max(slowestBatchWrites, writes);
        }
        // Batches at once share the account's write rate.
        long batchSeconds = (long) Math.ceil(slowestBatchWrites * Math.min(mapConcurrency, batches) / WRITES_PER_SECOND)
                + (roles == 0 ? 0 : PROPAGATION_SECONDS);
        return new ExecutionLimits(roles, batchSize, batches, parallelism, mapConcurrency, parentEvents, CHILD_EVENTS,
                itemsBytes, Math.max(largestState, rawResults), batchInput, batchSeconds);
    }

    /** Roles at once inside one batch: the input's maxConcurrency, or the whole batch when smaller. */
    public static int parallelism(int batchSize, int maxConcurrency) {
        return Math.max(1, Math.min(batchSize, maxConcurrency));
    }

    /** Batches at once, so that batches × their parallelism stays within maxConcurrency roles in flight. */
    public static int mapConcurrency(int batchSize, int maxConcurrency) {
        return Math.max(1, maxConcurrency / parallelism(batchSize, maxConcurrency));
    }

    /** Each quota this execution would pass, named with the numbers; empty when it fits. */
    public List<String> exceeded() {
        List<String> out = new ArrayList<>();
        if (parentEvents > MAX_HISTORY_EVENTS || childEvents > MAX_HISTORY_EVENTS) {
            out.add(String.format(Locale.ROOT, "the execution's history would reach %,d events, over Step Functions' limit of %,d "
                    + "events per execution", Math.max(parentEvents, childEvents), MAX_HISTORY_EVENTS));
        }
        if (largestStateBytes > MAX_PAYLOAD_BYTES) {
            out.add(String.format(Locale.ROOT, "the role Map's state (its items array of %,d role indexes is %s, with %,d batches' "
                            + "results) would be %s, over Step Functions' %s state payload limit",
                    roles, kib(itemsBytes), batches, kib(largestStateBytes), kib(MAX_PAYLOAD_BYTES)));
        }
        if (batchInputBytes > MAX_PAYLOAD_BYTES) {
            out.add(String.format(Locale.ROOT, "a batch's input would be %s, over Step Functions' %s payload limit",
                    kib(batchInputBytes), kib(MAX_PAYLOAD_BYTES)));
        }
        if (batchSeconds > MAX_LAMBDA_SECONDS) {
            out.add(String.format(Locale.ROOT, "the slowest batch of %d roles would take about %,d s at %.0f writes/s shared by %d "
                            + "batches at once, over Lambda's %d s timeout", batchSize, batchSeconds, WRITES_PER_SECOND,
                    mapConcurrency, MAX_LAMBDA_SECONDS));
        }
        if (mapConcurrency > MAX_DISTRIBUTED_CONCURRENCY) {
            out.add(String.format(Locale.ROOT, "%,d child executions at once, over the Distributed Map's %,d", mapConcurrency,
                    MAX_DISTRIBUTED_CONCURRENCY));
        }
        return out;
    }

    /** Why the cluster cannot run in one execution under this batch size, or empty when it can. */
    public Optional<String> refusal(String cluster) {
        List<String> over = exceeded();
        if (over.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "cluster %s: %,d roles in batches of %d do not fit one execution: %s. "
                        + "Choose another roleBatchSize (%d..%d) or migrate the cluster's namespaces in parts",
                cluster, roles, batchSize, String.join("; ", over), MIN_BATCH, MAX_BATCH));
    }

    /** {@code [0,1,...,n-1]} as JSON. */
    static long indexesBytes(int n) {
        long bytes = 2 + Math.max(0, n - 1);
        for (int d = 1, from = 0; from < n; d++, from = from == 0 ? 10 : from * 10) {
            long upTo = Math.min(n, from == 0 ? 10 : from * 10L);
            bytes += (upTo - from) * d;
        }
        return bytes;
    }

    private static int digits(int n) {
        return Integer.toString(Math.max(0, n - 1)).length();
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f KiB", bytes / 1024.0);
    }
}
