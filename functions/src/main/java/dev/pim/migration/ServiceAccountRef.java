package dev.pim.migration;

/** A Kubernetes service account, by namespace and name. */
public record ServiceAccountRef(String namespace, String name) implements Comparable<ServiceAccountRef> {

    /** Parses {@code namespace/name}. */
    public static ServiceAccountRef parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("expected namespace/name, got '" + text + "'");
        }
        return new ServiceAccountRef(parts[0], parts[1]);
    }

    /** The {@code sub} claim of this service account's projected token, as IRSA trust conditions name it. */
    public String subject() {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }

    @Override
    public int compareTo(ServiceAccountRef other) {
        return toString().compareTo(other.toString());
    }
}
