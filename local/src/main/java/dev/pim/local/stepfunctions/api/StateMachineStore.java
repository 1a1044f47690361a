package dev.pim.local.stepfunctions.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state machines and executions of the local Step Functions. Thread-safe on its own: execution threads,
 * tests and API handlers read it without the local cloud's state lock.
 */
public final class StateMachineStore {
    private final Map<String, StateMachineRecord> machines = new ConcurrentHashMap<>();
    private final Map<String, ExecutionRecord> executions = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    Optional<StateMachineRecord> machine(String arn) {
        return Optional.ofNullable(machines.get(arn));
    }

    void put(StateMachineRecord machine) {
        machines.put(machine.arn(), machine);
    }

    void remove(String arn) {
        machines.remove(arn);
    }

    /** In creation order. */
    List<StateMachineRecord> machines(String region, String accountId) {
        return machines.values().stream()
                .filter(m -> m.region().equals(region) && m.accountId().equals(accountId))
                .sorted(Comparator.comparingLong(StateMachineRecord::sequence))
                .toList();
    }

    Optional<ExecutionRecord> execution(String arn) {
        return Optional.ofNullable(executions.get(arn));
    }

    /** The run of an execution, for in-process callers that want to wait for it or follow it. */
    public Optional<dev.pim.local.stepfunctions.engine.ExecutionRun> run(String executionArn) {
        return execution(executionArn).map(ExecutionRecord::run);
    }

    /** Adds the execution unless one with its ARN exists; returns the one that is now stored. */
    synchronized ExecutionRecord putIfAbsent(ExecutionRecord execution) {
        ExecutionRecord existing = executions.putIfAbsent(execution.arn(), execution);
        return existing == null ? execution : existing;
    }

    /** Newest first, as ListExecutions returns them. */
    List<ExecutionRecord> executions(String stateMachineArn) {
        return executions.values().stream()
                .filter(e -> e.stateMachineArn().equals(stateMachineArn))
                .sorted(Comparator.comparingLong(ExecutionRecord::sequence).reversed())
                .toList();
    }

    /** Stops every running execution and forgets everything (the local cloud's reset). */
    public void clear() {
        executions.values().forEach(e -> e.run().stop("States.Aborted", "the local cloud was reset"));
        executions.clear();
        machines.clear();
    }
}
