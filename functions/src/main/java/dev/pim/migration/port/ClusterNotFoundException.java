package dev.pim.migration.port;

/** EKS has no cluster of that name in that account and region. */
public final class ClusterNotFoundException extends RuntimeException {
    public ClusterNotFoundException(String cluster, String region, String detail) {
        super("no EKS cluster named '" + cluster + "' in " + region + ": " + detail);
    }
}
