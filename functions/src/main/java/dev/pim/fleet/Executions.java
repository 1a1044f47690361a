package dev.pim.fleet;

/** Starting executions of the cluster state machine, for the dispatcher. */
public interface Executions {

    enum Started {
        /** A new execution began. */
        STARTED,
        /** An execution of that name exists already (a duplicate message): nothing was started. */
        ALREADY_EXISTS
    }

    /** How many executions are running, counting at most up to {@code cap}. */
    int running(int cap);

    Started start(String name, String input);
}
