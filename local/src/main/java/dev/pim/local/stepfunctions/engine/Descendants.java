package dev.pim.local.stepfunctions.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an execution's distributed Maps started: their Map Runs and child executions, kept so that both can be read
 * by ARN (GetExecutionHistory of a child, DescribeMapRun) after the parent ended.
 */
public final class Descendants {
    private final ExecutionRun owner;
    private final List<ExecutionRun> children = new CopyOnWriteArrayList<>();
    private final List<MapRun> mapRuns = new CopyOnWriteArrayList<>();

    Descendants(ExecutionRun owner) {
        this.owner = owner;
    }

    /** The child executions, in the order they started. */
    public List<ExecutionRun> children() {
        return List.copyOf(children);
    }

    public List<MapRun> mapRuns() {
        return List.copyOf(mapRuns);
    }

    /** The owner or one of its descendants, by ARN. */
    public Optional<ExecutionRun> find(String executionArn) {
        if (owner.spec().executionArn().equals(executionArn)) {
            return Optional.of(owner);
        }
        return children.stream().map(c -> c.descendants().find(executionArn)).flatMap(Optional::stream).findFirst();
    }

    /** A Map Run of the owner or of its descendants, by ARN. */
    public Optional<MapRun> findMapRun(String mapRunArn) {
        Optional<MapRun> own = mapRuns.stream().filter(m -> m.arn().equals(mapRunArn)).findFirst();
        if (own.isPresent()) {
            return own;
        }
        return children.stream().map(c -> c.descendants().findMapRun(mapRunArn)).flatMap(Optional::stream).findFirst();
    }

    void add(ExecutionRun child) {
        children.add(child);
    }

    void add(MapRun mapRun) {
        mapRuns.add(mapRun);
    }
}
