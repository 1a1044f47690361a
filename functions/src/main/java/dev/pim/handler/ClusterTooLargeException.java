package dev.pim.handler;

/**
 * The cluster's plan does not fit one execution of the state machine (a Step Functions or Lambda hard quota
 * would be passed part-way): the Discover state refuses it before any change. Not retried.
 */
public final class ClusterTooLargeException extends RuntimeException {
    public ClusterTooLargeException(String message) {
        super(message);
    }
}
