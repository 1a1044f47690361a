package dev.pim.local.stepfunctions.asl;

/**
 * A validated state machine definition.
 *
 * @param timeoutSeconds the execution's TimeoutSeconds, or null when it may run as long as it likes
 */
public record StateMachineDefinition(StateGraph graph, Integer timeoutSeconds, String comment) {
}
