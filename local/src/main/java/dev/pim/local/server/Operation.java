package dev.pim.local.server;

/**
 * A request that a service has recognised: its name (for counters and fault rules) and how to answer it.
 *
 * @param service  {@code iam}, {@code sts}, {@code eks}, {@code k8s}...
 * @param name     the API operation, e.g. {@code UpdateAssumeRolePolicy}; Kubernetes uses verb and
 *                 resource, e.g. {@code PatchServiceAccount}
 * @param mutating whether it changes state (counted by "crash after the k-th mutating call")
 * @param handler  runs while holding the state lock
 */
public record Operation(String service, String name, boolean mutating, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        HttpResponse handle();
    }

    /** {@code service:Name}, the key of counters and injected errors. */
    public String key() {
        return service + ":" + name;
    }

    /** The API family rate limits apply to: reads and writes of each service. */
    public String family() {
        return service + ":" + (mutating ? "write" : "read");
    }
}
