package dev.pim.cli;

/** The exit codes of {@code pim}, documented in the README. */
public final class ExitCodes {
    /** Everything asked for was done (or, for a plan, planned). */
    public static final int OK = 0;
    /** Something failed before any change: bad input, unknown cluster, unreachable endpoint. */
    public static final int FAILED = 1;
    /** Command-line usage error (picocli's own code). */
    public static final int USAGE = 2;
    /** The run finished but some bindings or roles failed; the others are done. */
    public static final int PARTIAL = 3;
    /** The run failed or stopped after it had changed the cluster: the run id and the rollback command are printed. */
    public static final int FAILED_AFTER_CHANGES = 4;

    private ExitCodes() {
    }
}
