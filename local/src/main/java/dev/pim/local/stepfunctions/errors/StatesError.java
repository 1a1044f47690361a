package dev.pim.local.stepfunctions.errors;

/**
 * A failure inside a running state machine: an error name ({@code States.Timeout}, a Lambda's exception class,
 * a Fail state's Error) and a cause, as Retry and Catch match them and as ExecutionFailed reports them.
 */
public final class StatesError extends RuntimeException {
    private final String error;
    private final String cause;

    public StatesError(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    /** May be null: a Fail state need not give a cause. */
    public String cause() {
        return cause;
    }
}
