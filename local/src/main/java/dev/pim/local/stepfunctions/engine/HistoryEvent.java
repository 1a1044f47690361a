package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One event of an execution's history, as GetExecutionHistory returns it.
 *
 * @param previousEventId 0 for the first event
 * @param details         the event's details object, or null for events that carry none (MapStateSucceeded...)
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {

    /** The member of AWS's HistoryEvent shape that holds the details: {@code taskScheduledEventDetails}... */
    public String detailsField() {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }

    /** The state an entered/exited event is about, or null. */
    public String stateName() {
        return details != null && details.has("name") && (type.endsWith("StateEntered") || type.endsWith("StateExited"))
                ? details.get("name").asText() : null;
    }
}
