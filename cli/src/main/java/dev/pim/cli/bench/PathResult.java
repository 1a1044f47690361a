package dev.pim.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One path's run of one generated cluster, in the bench's JSON field names. Seconds are wall-clock; the bounds are
 * computed from the served-call counters (see README, Performance).
 *
 * @param status             the migration's status (SUCCEEDED, PARTIAL, FAILED...)
 * @param tMinSeconds        rate floor: max(W_iam, W_eks) / r + P·λ
 * @param tConcSeconds       concurrency floor: (R + W)·λ / C + P·λ
 * @param dominantBound      {@code rate} or {@code concurrency}: the larger floor
 * @param rerunWrites        writes a second run of the same migration made (must be 0)
 * @param largestHistoryEvents for the pipeline path: the largest execution history (parent and children), else null
 * @param largestPayloadBytes  for the pipeline path: the largest state input or output, else null
 * @param stateSeconds         for the pipeline path: seconds in each state of the measured execution (summed over a
 *                             state's visits, a Map's iterations included), in the order first entered; else empty
 */
public record PathResult(String path, String status, double wallSeconds, double tMinSeconds, double wallOverTMin,
                         double tConcSeconds, double wallOverTConc, String dominantBound, long iamWrites, long eksWrites,
                         long kubernetesWrites, long reads, double readsPerBinding, long throttledAttempts,
                         double throttledPerWrite, long rerunWrites, long plumbingCalls, List<OperationCalls> calls,
                         Integer executions, Integer largestHistoryEvents, Integer largestPayloadBytes,
                         Map<String, Double> stateSeconds) {

    /** Calls of one operation that the cloud served, against the floor's minimum (null: no minimum). */
    public record OperationCalls(String operation, boolean write, long served, Long minimum, long throttled) {
    }

    /** What a run measured, before the bounds are worked out. */
    record Measured(String path, String status, double wallSeconds, ServedCalls calls, ServedCalls rerun,
                    Integer executions, Integer largestHistoryEvents, Integer largestPayloadBytes,
                    Map<String, Double> stateSeconds) {
        Measured(String path, String status, double wallSeconds, ServedCalls calls, ServedCalls rerun,
                 Integer executions, Integer largestHistoryEvents, Integer largestPayloadBytes) {
            this(path, status, wallSeconds, calls, rerun, executions, largestHistoryEvents, largestPayloadBytes,
                    Map.of());
        }
    }

    static PathResult of(Measured m, GeneratedCluster cluster, CallFloor floor, BenchSettings settings) {
        ServedCalls c = m.calls();
        double lambda = settings.latencyMillis() / 1000.0;
        double chain = CallFloor.PHASES * lambda;
        long iam = c.writes("iam");
        long eks = c.writes("eks");
        long k8s = c.writes("k8s");
        long reads = c.clusterFacingReads();
        // A family's first writes up to its burst go at once; the rest at the refill rate.
        long paced = Math.max(0, Math.max(iam, eks) - settings.writeBurst());
        double tMin = paced / settings.writeRatePerSecond() + chain;
        double tConc = (reads + iam + eks + k8s) * lambda / settings.concurrency() + chain;
        List<OperationCalls> calls = new ArrayList<>();
        TreeSet<String> operations = new TreeSet<>(c.received().keySet());
        operations.addAll(floor.writes().keySet());
        operations.addAll(floor.essentialReads().keySet());
        for (String op : operations) {
            String service = op.substring(0, op.indexOf(':'));
            if (ServedCalls.CLUSTER_FACING.contains(service)) {
                calls.add(new OperationCalls(op, c.mutating().contains(op) || floor.writes().containsKey(op), c.served(op),
                        floor.minimum(op), c.throttled().getOrDefault(op, 0L)));
            }
        }
        long writes = iam + eks + k8s;
        return new PathResult(m.path(), m.status(), round(m.wallSeconds()), round(tMin), ratio(m.wallSeconds(), tMin),
                round(tConc), ratio(m.wallSeconds(), tConc), tMin >= tConc ? "rate" : "concurrency", iam, eks, k8s, reads,
                round((double) reads / cluster.bindings()), c.throttledAttempts(),
                writes == 0 ? 0 : round((double) c.throttledAttempts() / writes),
                m.rerun() == null ? -1 : m.rerun().clusterFacingWrites(), c.plumbingCalls(), calls, m.executions(),
                m.largestHistoryEvents(), m.largestPayloadBytes(), m.stateSeconds());
    }

    private static double ratio(double wall, double bound) {
        return bound <= 0 ? 0 : round(wall / bound);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
