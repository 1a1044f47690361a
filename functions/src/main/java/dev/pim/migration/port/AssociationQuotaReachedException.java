package dev.pim.migration.port;

/**
 * EKS refused an association because the cluster holds as many as its quota allows (ResourceLimitExceeded): the plan
 * counted room for it, so another writer made associations since. Retrying cannot help; the binding stays on IRSA.
 */
public final class AssociationQuotaReachedException extends RuntimeException {
    public AssociationQuotaReachedException(String message) {
        super(message);
    }
}
