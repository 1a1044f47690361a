package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.errors.ErrorNames;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The events of one execution, numbered from 1. Strands of a Map record side by side; once the
 * execution has ended (or was stopped) later events are dropped, as a stopped execution's stragglers are.
 * The listener hears every event in id order, but outside the history's lock: a listener that reads the local
 * cloud (taking its state lock) cannot deadlock with an API call reading this history under that lock.
 *
 * <p>At most {@code maxEvents} events, as on AWS: event number {@code maxEvents} may be ExecutionSucceeded;
 * anything else in its place becomes ExecutionFailed with States.Runtime and the history closes.
 */
final class History {
    static final String SUCCEEDED = "ExecutionSucceeded";
    private final List<HistoryEvent> events = new ArrayList<>();
    private final Deque<HistoryEvent> undelivered = new ArrayDeque<>();
    private final Object delivery = new Object();
    private final ExecutionListener listener;
    private final int maxEvents;
    private ExecutionRun owner;
    private boolean closed;
    private boolean limitReached;
    private Instant lastTimestamp = Instant.EPOCH;

    History(ExecutionListener listener, int maxEvents) {
        this.listener = listener;
        this.maxEvents = maxEvents;
    }

    void owner(ExecutionRun run) {
        this.owner = run;
    }

    /**
     * Records an event at the strand's time, after the strand's previous event.
     *
     * @throws ExecutionInterrupted when this event would have been past the history quota: the execution has
     *                              failed (see {@link #limitCause})
     */
    HistoryEvent record(Strand strand, String type, ObjectNode details) {
        HistoryEvent event;
        boolean hitLimit;
        synchronized (this) {
            boolean before = limitReached;
            event = append(strand.lastEventId(), strand.now(), type, details);
            hitLimit = limitReached && !before;
            if (event != null) {
                strand.lastEventId(event.id());
            }
        }
        deliver();
        if (hitLimit) {
            owner.historyLimitReached(event.timestamp());
            throw new ExecutionInterrupted(ExecutionInterrupted.Reason.STOPPED);
        }
        return event;
    }

    /** Records the execution's last event (succeeded, failed, aborted, timed out) and closes the history. */
    HistoryEvent recordFinal(long previousEventId, Instant timestamp, String type, ObjectNode details) {
        HistoryEvent event;
        synchronized (this) {
            event = append(previousEventId, timestamp, type, details);
            closed = true;
        }
        deliver();
        return event;
    }

    synchronized long lastId() {
        return events.size();
    }

    /** Whether the history quota ended the execution. */
    synchronized boolean limitReached() {
        return limitReached;
    }

    String limitCause() {
        return "The execution reached the maximum number of history events (" + maxEvents + ").";
    }

    synchronized List<HistoryEvent> snapshot() {
        return List.copyOf(events);
    }

    private HistoryEvent append(long previousEventId, Instant timestamp, String type, ObjectNode details) {
        if (closed) {
            return null;
        }
        // Strands side by side have their own virtual times: keep the history's timestamps from going backwards.
        lastTimestamp = timestamp.isAfter(lastTimestamp) ? timestamp : lastTimestamp;
        long id = events.size() + 1L;
        HistoryEvent event;
        if (id >= maxEvents && !type.equals(SUCCEEDED)) {
            // AWS: "If the event number 25,000 isn't ExecutionSucceeded, the ExecutionFailed event is logged".
            event = new HistoryEvent(id, previousEventId, lastTimestamp, "ExecutionFailed",
                    Interpreter.errorDetails(ErrorNames.RUNTIME, limitCause()));
            closed = true;
            limitReached = true;
        } else {
            event = new HistoryEvent(id, previousEventId, lastTimestamp, type, details);
        }
        events.add(event);
        undelivered.add(event);
        return event;
    }

    /** Hands undelivered events to the listener in order; returns once this thread's events are delivered. */
    private void deliver() {
        synchronized (delivery) {
            for (HistoryEvent event = nextUndelivered(); event != null; event = nextUndelivered()) {
                listener.onEvent(owner, event);
            }
        }
    }

    private synchronized HistoryEvent nextUndelivered() {
        return undelivered.poll();
    }
}
