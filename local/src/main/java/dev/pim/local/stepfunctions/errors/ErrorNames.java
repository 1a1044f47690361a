package dev.pim.local.stepfunctions.errors;

import java.util.List;

/** The error names the States Language predefines, and how Retry and Catch match them. */
public final class ErrorNames {
    public static final String ALL = "States.ALL";
    public static final String TIMEOUT = "States.Timeout";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";
    public static final String RUNTIME = "States.Runtime";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

    private ErrorNames() {
    }

    /**
     * Whether a Retrier's or Catcher's ErrorEquals matches an error. States.ALL matches everything and
     * States.TaskFailed everything but States.Timeout, except the terminal errors (States.Runtime,
     * States.DataLimitExceeded), which always fail the execution.
     */
    public static boolean matches(List<String> errorEquals, String errorName) {
        String error = errorName == null ? "" : errorName;
        if (isTerminal(error)) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error) || name.equals(ALL)
                    || (name.equals(TASK_FAILED) && !error.equals(TIMEOUT))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTerminal(String error) {
        return RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error);
    }
}
