package dev.pim.local.fault;

import dev.pim.local.server.Operation;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many calls of each operation the emulator received since the last reset (failed ones included). */
public final class CallCounters {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, Boolean> mutating = new ConcurrentHashMap<>();

    public void record(Operation operation) {
        calls.computeIfAbsent(operation.key(), k -> new LongAdder()).increment();
        mutating.putIfAbsent(operation.key(), operation.mutating());
    }

    /** Calls of one operation, e.g. {@code count("iam:UpdateAssumeRolePolicy")}. */
    public long count(String operationKey) {
        LongAdder adder = calls.get(operationKey);
        return adder == null ? 0 : adder.sum();
    }

    /** All calls that could change state, whatever their outcome. */
    public long mutatingCalls() {
        return calls.entrySet().stream()
                .filter(e -> mutating.getOrDefault(e.getKey(), false))
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    public long totalCalls() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Counts by operation, sorted by operation key. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The mutating operations seen, sorted, with their counts. */
    public Map<String, Long> mutatingSnapshot() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> {
            if (mutating.getOrDefault(k, false)) {
                out.put(k, v.sum());
            }
        });
        return out;
    }

    public void reset() {
        calls.clear();
        mutating.clear();
    }
}
