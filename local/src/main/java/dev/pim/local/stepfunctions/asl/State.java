package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.json.JsonPathExpr;

/** One state of a state machine, as parsed from its definition. */
public sealed interface State permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, MapState {

    String name();

    /** The state's Type ({@code Pass}, {@code Task}...), which also prefixes its history events. */
    String type();

    /** Its InputPath, Parameters, ResultSelector, ResultPath and OutputPath (a Fail state has none: {@code $}). */
    default DataFlow io() {
        return DataFlow.paths(JsonPathExpr.root(), JsonPathExpr.root());
    }

    /** Where the state goes when it ends normally; null for End: true, Choice, Succeed and Fail. */
    default String next() {
        return null;
    }

    /** Its Retry and Catch (Task and Map have them). */
    default ErrorHandling errors() {
        return ErrorHandling.NONE;
    }
}
