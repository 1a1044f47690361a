package dev.pim.local.stepfunctions.asl;

/** One state of a state machine, as parsed from its definition. */
public sealed interface State permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, MapState {

    String name();

    /** The state's Type ({@code Pass}, {@code Task}...), which also prefixes its history events. */
    String type();
}
