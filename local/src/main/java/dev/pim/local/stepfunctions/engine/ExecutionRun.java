package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.asl.StateGraph;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One execution: its spec, its live status and its history. Runs on the engine's threads; callers watch it,
 * wait for it and stop it from any thread.
 */
public final class ExecutionRun {
    private final ExecutionSpec spec;
    private final StateGraph graph;
    private final ExecutionClock clock;
    private final History history;
    private final CancelScope scope;
    private final Random jitter;
    private final Quotas quotas;
    private final String mapRunArn;
    private final int itemCount;
    private final Descendants descendants = new Descendants(this);
    private final AtomicLong largestPayloadBytes = new AtomicLong();
    private final WorkerThreads threads = new WorkerThreads();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Instant startDate;
    private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    private volatile JsonNode output;
    private volatile String error;
    private volatile String cause;
    private volatile Instant stopDate;
    private final long startVirtualNanos;
    private volatile Strand root;

    ExecutionRun(ExecutionSpec spec, StateGraph graph, ExecutionClock clock, CancelScope scope, Random jitter,
                 Quotas quotas, ExecutionListener listener) {
        this(spec, graph, clock, scope, jitter, quotas, null, 0, listener, clock.start(), 0);
    }

    private ExecutionRun(ExecutionSpec spec, StateGraph graph, ExecutionClock clock, CancelScope scope, Random jitter,
                         Quotas quotas, String mapRunArn, int itemCount, ExecutionListener listener, Instant startDate,
                         long startVirtualNanos) {
        this.spec = spec;
        this.graph = graph;
        this.clock = clock;
        this.scope = scope;
        this.jitter = jitter;
        this.quotas = quotas;
        this.mapRunArn = mapRunArn;
        this.itemCount = itemCount;
        this.history = new History(listener, quotas.maxHistoryEvents());
        this.history.owner(this);
        this.startDate = startDate;
        this.startVirtualNanos = startVirtualNanos;
    }

    /**
     * A child workflow execution of a distributed Map, starting at the strand's time: its own history, stopped
     * when the parent's strand is. Kept, so that its history can be read by its ARN.
     */
    ExecutionRun child(ExecutionSpec childSpec, StateGraph childGraph, Strand from, String childMapRunArn, int items) {
        ExecutionRun child = new ExecutionRun(childSpec, childGraph, clock, from.scope().child(), jitter, quotas,
                childMapRunArn, items, ExecutionListener.NONE, from.now(), from.virtualNanos());
        descendants.add(child);
        return child;
    }

    /** The strand the execution ran on (its end time), once it ran. */
    Strand rootStrand() {
        return root;
    }

    public ExecutionSpec spec() {
        return spec;
    }

    public ExecutionStatus status() {
        return status;
    }

    /** The execution's output once it SUCCEEDED, else null. */
    public JsonNode output() {
        return output;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    public Instant startDate() {
        return startDate;
    }

    /** When it ended, on its own virtual clock; null while RUNNING. */
    public Instant stopDate() {
        return stopDate;
    }

    public List<HistoryEvent> history() {
        return history.snapshot();
    }

    /** How many events its history holds (its children's are their own). */
    public long eventCount() {
        return history.lastId();
    }

    /**
     * The largest payload measured against the payload quota in this execution (a state's effective input or
     * output, a task's result, the execution's input, a batch), in UTF-8 bytes.
     */
    public long largestPayloadBytes() {
        return largestPayloadBytes.get();
    }

    /** The Map Run this execution is a child of, or null for an execution started on its own. */
    public String mapRunArn() {
        return mapRunArn;
    }

    /** Its distributed Maps' Map Runs and child executions. */
    public Descendants descendants() {
        return descendants;
    }

    /** How many Map items a child execution was given (a batch's items); 0 for an execution started on its own. */
    public int itemCount() {
        return itemCount;
    }

    /** Waits for the execution to end; true if it did within {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** StopExecution: ABORTED now; its strands stop at their next state and their calls are interrupted. */
    public void stop(String stopError, String stopCause) {
        Strand main = root;
        Instant now = main == null ? clock.realNow() : main.now();
        if (end(ExecutionStatus.ABORTED, history.lastId(), now, "ExecutionAborted",
                Interpreter.errorDetails(stopError, stopCause), null)) {
            scope.cancel();
            threads.interruptAll();
        }
    }

    /** Runs the whole execution on the calling thread. */
    void execute(Interpreter interpreter) {
        Strand strand = new Strand(clock, scope, startVirtualNanos, 0);
        root = strand;
        enter();
        try {
            ObjectNode started = Json.object();
            started.put("input", Json.write(spec.input()));
            started.putObject("inputDetails").put("truncated", false);
            started.put("roleArn", spec.roleArn());
            history.record(strand, "ExecutionStarted", started);
            // The execution's own input is held to the quota like a state's (StartExecution refuses larger ones first).
            checkPayload(StateVisit.utf8(spec.input()).length,
                    "The execution input has a size exceeding the maximum number of bytes service limit.");
            JsonNode result = interpreter.runGraph(graph, spec.input(), strand);
            ObjectNode details = Json.object().put("output", Json.write(result));
            details.putObject("outputDetails").put("truncated", false);
            end(ExecutionStatus.SUCCEEDED, strand.lastEventId(), strand.now(), History.SUCCEEDED, details, result);
        } catch (StatesError e) {
            failed(strand, e.error(), e.cause());
        } catch (ExecutionInterrupted e) {
            // Stopped directly (already ABORTED), or a child abandoned by its distributed Map.
            end(ExecutionStatus.ABORTED, strand.lastEventId(), strand.now(), "ExecutionAborted", Json.object(), null);
        } catch (RuntimeException | Error e) {
            // A bug of the interpreter (or an Error escaping a task) must still end the execution visibly.
            failed(strand, ErrorNames.RUNTIME, "the local Step Functions failed: " + e);
        } finally {
            leave();
            done.countDown();
        }
    }

    /** Throws if this strand must stop: execution stopped or sibling failed. */
    void checkActive(Strand strand) {
        if (status.isFinal()) {
            throw new ExecutionInterrupted(ExecutionInterrupted.Reason.STOPPED);
        }
        if (strand.scope().cancelled()) {
            throw new ExecutionInterrupted(scope.cancelled() ? ExecutionInterrupted.Reason.STOPPED
                    : ExecutionInterrupted.Reason.CANCELLED);
        }
    }

    /** Lets virtual time pass on a strand. */
    void pause(Strand strand, Duration duration) {
        checkActive(strand);
        strand.sleep(duration);
    }

    /**
     * The history quota was reached and the history closed with ExecutionFailed: the execution has failed. Its
     * strands stop at their next state; calls in flight finish (nobody is interrupted, as the thread recording
     * may belong to a parent execution's worker).
     */
    void historyLimitReached(Instant when) {
        if (end(ExecutionStatus.FAILED, 0, when, "ExecutionFailed", null, null)) {
            scope.cancel();
        }
    }

    void payloadSeen(long bytes) {
        largestPayloadBytes.accumulateAndGet(bytes, Math::max);
    }

    /** Measures a payload against the quota: past it, States.DataLimitExceeded (no Retry or Catch handles it). */
    void checkPayload(long bytes, String cause) {
        payloadSeen(bytes);
        if (bytes > quotas.maxPayloadBytes()) {
            throw new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, cause);
        }
    }

    Quotas quotas() {
        return quotas;
    }

    History historyLog() {
        return history;
    }

    /** A random fraction in [0, 1) for FULL jitter, from the engine's seeded source. */
    double nextJitter() {
        synchronized (jitter) {
            return jitter.nextDouble();
        }
    }

    /** Marks the calling thread as working for this execution, so that stopping it interrupts the thread. */
    void enter() {
        threads.enter();
    }

    void leave() {
        threads.leave();
    }

    private void failed(Strand strand, String failError, String failCause) {
        end(ExecutionStatus.FAILED, strand.lastEventId(), strand.now(), "ExecutionFailed",
                Interpreter.errorDetails(failError, failCause), null);
    }

    /**
     * Records the execution's last event and ends it, unless it has ended already. When the history quota closed
     * the history, the execution FAILED as that history's last event says, whatever else ended it.
     *
     * @return whether this call ended the execution
     */
    private synchronized boolean end(ExecutionStatus finalStatus, long previousEventId, Instant when, String eventType,
                                     ObjectNode details, JsonNode result) {
        if (status.isFinal()) {
            return false;
        }
        history.recordFinal(previousEventId, when, eventType, details);
        boolean limited = history.limitReached();
        output = limited ? null : result;
        error = limited ? ErrorNames.RUNTIME : details == null ? null : details.path("error").textValue();
        cause = limited ? history.limitCause() : details == null ? null : details.path("cause").textValue();
        stopDate = when;
        status = limited ? ExecutionStatus.FAILED : finalStatus;
        return true;
    }
}
