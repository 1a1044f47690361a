package dev.pim.local.stepfunctions.api;

import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.MapRun;
import dev.pim.local.stepfunctions.json.Json;

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

    /** An execution started through the API, or a child execution of one's distributed Map, by ARN. */
    Optional<ExecutionRecord> anyExecution(String arn) {
        Optional<ExecutionRecord> started = execution(arn);
        if (started.isPresent()) {
            return started;
        }
        for (ExecutionRecord record : executions.values()) {
            Optional<ExecutionRun> child = record.run().descendants().find(arn);
            if (child.isPresent()) {
                return Optional.of(new ExecutionRecord(child.get(), Json.write(child.get().spec().input()), 0));
            }
        }
        return Optional.empty();
    }

    /** A Map Run of any execution, by ARN. */
    Optional<MapRun> mapRun(String arn) {
        return executions.values().stream().map(e -> e.run().descendants().findMapRun(arn)).flatMap(Optional::stream).findFirst();
    }

    /** The run of an execution, for in-process callers that want to wait for it or follow it. */
    public Optional<ExecutionRun> run(String executionArn) {
        return anyExecution(executionArn).map(ExecutionRecord::run);
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
