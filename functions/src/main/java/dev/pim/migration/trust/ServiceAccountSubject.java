package dev.pim.migration.trust;

import java.util.Optional;

/** A Kubernetes service account as an IRSA token names it: {@code system:serviceaccount:<namespace>:<name>}. */
public record ServiceAccountSubject(String namespace, String name) {
    public static final String PREFIX = "system:serviceaccount:";

    /** The namespace and name of a subject (or subject pattern) in service-account form, if it is one. */
    public static Optional<ServiceAccountSubject> parse(String subject) {
        if (!subject.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = subject.substring(PREFIX.length()).split(":", -1);
        return parts.length == 2 ? Optional.of(new ServiceAccountSubject(parts[0], parts[1])) : Optional.empty();
    }

    public String subject() {
        return PREFIX + namespace + ":" + name;
    }
}
