package dev.pim.local.stepfunctions.asl;

/** A validated state machine definition. */
public record StateMachineDefinition(StateGraph graph) {
}
