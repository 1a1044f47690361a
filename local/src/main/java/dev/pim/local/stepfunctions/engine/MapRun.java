package dev.pim.local.stepfunctions.engine;

import java.time.Instant;
import java.util.List;

/**
 * A distributed Map's Map Run, as DescribeMapRun and ListMapRuns show it: its settings, its status and its child
 * executions (each with the number of items it was given).
 */
public final class MapRun {
    private final String arn;
    private final ExecutionRun parent;
    private final Instant startDate;
    private final int maxConcurrency;
    private final int itemTotal;
    private final int childTotal;
    private volatile String status = "RUNNING";
    private volatile Instant stopDate;

    MapRun(String arn, ExecutionRun parent, Instant startDate, int maxConcurrency, int itemTotal, int childTotal) {
        this.arn = arn;
        this.parent = parent;
        this.startDate = startDate;
        this.maxConcurrency = maxConcurrency;
        this.itemTotal = itemTotal;
        this.childTotal = childTotal;
    }

    void end(String finalStatus, Instant when) {
        stopDate = when;
        status = finalStatus;
    }

    public String arn() {
        return arn;
    }

    /** The execution whose Map state started it. */
    public ExecutionRun parent() {
        return parent;
    }

    public Instant startDate() {
        return startDate;
    }

    /** Null while RUNNING. */
    public Instant stopDate() {
        return stopDate;
    }

    /** RUNNING, SUCCEEDED, FAILED or ABORTED. */
    public String status() {
        return status;
    }

    /** As the definition gave it: 0 when it set none. */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    public int itemTotal() {
        return itemTotal;
    }

    public int childTotal() {
        return childTotal;
    }

    /** Its child executions started so far, in the order they started. */
    public List<ExecutionRun> children() {
        return parent.descendants().children().stream().filter(c -> arn.equals(c.mapRunArn())).toList();
    }
}
