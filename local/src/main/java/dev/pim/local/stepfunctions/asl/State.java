package dev.pim.local.stepfunctions.asl;

/** One state of a state machine, as parsed from its definition. */
public sealed interface State permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, MapState {

    String name();

    /** The state's Type ({@code Pass}, {@code Task}...), which also prefixes its history events. */
    String type();

    /** Where the state goes when it ends normally; null for End: true, Choice, Succeed and Fail. */
    default String next() {
        return null;
    }

    /** Its Retry and Catch (Task and Map have them). */
    default ErrorHandling errors() {
        return ErrorHandling.NONE;
    }
}
