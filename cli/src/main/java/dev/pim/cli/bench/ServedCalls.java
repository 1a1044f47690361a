package dev.pim.cli.bench;

import dev.pim.local.LocalCloud;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The local cloud's counters at one moment: calls received by operation, the throttled attempts among them, and
 * which operations write. Served = received − throttled: what the bounds count.
 */
record ServedCalls(Map<String, Long> received, Map<String, Long> throttled, Set<String> mutating) {
    /** The services whose calls are the migration's own; DynamoDB, Step Functions, Lambda and SQS are its plumbing. */
    static final Set<String> CLUSTER_FACING = Set.of("iam", "eks", "k8s", "sts");

    static ServedCalls of(LocalCloud cloud) {
        return new ServedCalls(cloud.counters().snapshot(), cloud.faults().throttledByOperation(),
                new TreeSet<>(cloud.counters().mutatingSnapshot().keySet()));
    }

    /** The calls made since {@code earlier}. */
    ServedCalls since(ServedCalls earlier) {
        return new ServedCalls(minus(received, earlier.received), minus(throttled, earlier.throttled), mutating);
    }

    long served(String operation) {
        return received.getOrDefault(operation, 0L) - throttled.getOrDefault(operation, 0L);
    }

    /** Served writes of one service ({@code iam}, {@code eks}, {@code k8s}). */
    long writes(String service) {
        return received.keySet().stream().filter(op -> op.startsWith(service + ":") && mutating.contains(op))
                .mapToLong(this::served).sum();
    }

    long clusterFacingWrites() {
        return CLUSTER_FACING.stream().mapToLong(this::writes).sum();
    }

    long clusterFacingReads() {
        return received.keySet().stream().filter(op -> CLUSTER_FACING.contains(service(op)) && !mutating.contains(op))
                .mapToLong(this::served).sum();
    }

    /** Calls to the journal and the pipeline's own services, not counted in the bounds. */
    long plumbingCalls() {
        return received.keySet().stream().filter(op -> !CLUSTER_FACING.contains(service(op))).mapToLong(this::served).sum();
    }

    long throttledAttempts() {
        return throttled.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String service(String operation) {
        return operation.substring(0, operation.indexOf(':'));
    }

    private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        now.forEach((op, n) -> {
            long d = n - before.getOrDefault(op, 0L);
            if (d != 0) {
                out.put(op, d);
            }
        });
        return out;
    }
}
