package dev.pim.handler;

/**
 * The cluster would hold more Pod Identity associations after the run than EKS allows per cluster: the Discover
 * state refuses the run before any change, since it would otherwise fail part-way. Not retried.
 */
public final class AssociationQuotaExceededException extends RuntimeException {
    public AssociationQuotaExceededException(String message) {
        super(message);
    }
}
