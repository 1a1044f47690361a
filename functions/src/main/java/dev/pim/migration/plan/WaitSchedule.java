package dev.pim.migration.plan;

/**
 * How long the state machine waits between two polls of the agent add-on or of an add-on update: 1 s first,
 * then as long as it has already waited (so the waits double), up to a cap that grows with the timeout so that
 * a long timeout still polls a bounded number of times (each poll is history events).
 */
public final class WaitSchedule {
    /** The cap of the default timeout (1,500 s): a settled add-on is seen within 30 s. */
    static final int MIN_CAP_SECONDS = 30;
    /** At most about this many polls at the cap, whatever the timeout. */
    static final int POLLS_AT_CAP = 100;

    private WaitSchedule() {
    }

    /**
     * @param waitedSeconds  since the wait started
     * @param timeoutSeconds the input's timeoutSeconds
     * @return seconds to wait before the next poll (at least 1)
     */
    public static int nextWait(long waitedSeconds, int timeoutSeconds) {
        long wait = Math.max(1, waitedSeconds);
        return (int) Math.min(wait, cap(timeoutSeconds));
    }

    static int cap(int timeoutSeconds) {
        return Math.max(MIN_CAP_SECONDS, timeoutSeconds / POLLS_AT_CAP);
    }

    /** Polls of one wait loop until the timeout passes, the last one included. */
    static long pollsWithin(int timeoutSeconds) {
        long polls = 1;
        long waited = 0;
        while (waited < timeoutSeconds) {
            waited += nextWait(waited, timeoutSeconds);
            polls++;
        }
        return polls;
    }
}
