package dev.pim.migration.port;

/** The Kubernetes API refused the migrator: no valid token (401) or not allowed to do this (403). */
public final class KubernetesAccessException extends RuntimeException {
    public KubernetesAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
