package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The events of one execution, numbered from 1. Strands of a Parallel or Map record side by side; once the
 * execution has ended (or was stopped) later events are dropped, as a stopped execution's stragglers are.
 * The listener hears every event in id order, but outside the history's lock: a listener that reads the local
 * cloud (taking its state lock) cannot deadlock with an API call reading this history under that lock.
 */
final class History {
    private final List<HistoryEvent> events = new ArrayList<>();
    private final Deque<HistoryEvent> undelivered = new ArrayDeque<>();
    private final Object delivery = new Object();
    private final ExecutionListener listener;
    private ExecutionRun owner;
    private boolean closed;
    private Instant lastTimestamp = Instant.EPOCH;

    History(ExecutionListener listener) {
        this.listener = listener;
    }

    void owner(ExecutionRun run) {
        this.owner = run;
    }

    /** Records an event at the strand's time, after the strand's previous event. */
    HistoryEvent record(Strand strand, String type, ObjectNode details) {
        HistoryEvent event;
        synchronized (this) {
            event = append(strand.lastEventId(), strand.now(), type, details);
            if (event != null) {
                strand.lastEventId(event.id());
            }
        }
        deliver();
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

    synchronized List<HistoryEvent> snapshot() {
        return List.copyOf(events);
    }

    private HistoryEvent append(long previousEventId, Instant timestamp, String type, ObjectNode details) {
        if (closed) {
            return null;
        }
        // Strands side by side have their own virtual times: keep the history's timestamps from going backwards.
        lastTimestamp = timestamp.isAfter(lastTimestamp) ? timestamp : lastTimestamp;
        HistoryEvent event = new HistoryEvent(events.size() + 1L, previousEventId, lastTimestamp, type, details);
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
