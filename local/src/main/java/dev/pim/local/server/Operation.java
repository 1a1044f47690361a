package dev.pim.local.server;

/**
 * A request that a service has recognised: its name (for counters and fault rules) and how to answer it.
 *
 * @param service        {@code iam}, {@code sts}, {@code eks}, {@code k8s}...
 * @param name           the API operation, e.g. {@code UpdateAssumeRolePolicy}; Kubernetes uses verb and
 *                       resource, e.g. {@code PatchServiceAccount}
 * @param mutating       whether it changes state (counted by "crash after the k-th mutating call")
 * @param handler        answers the request
 * @param needsStateLock whether the handler runs while holding the state lock: true for every service that
 *                       answers from the emulator's state; false for one that keeps its own (DynamoDB Local),
 *                       whose calls must not wait for, nor block, each other or the other services
 */
public record Operation(String service, String name, boolean mutating, Handler handler, boolean needsStateLock) {

    @FunctionalInterface
    public interface Handler {
        HttpResponse handle();
    }

    /** An operation on the emulator's state: its handler runs while holding the state lock. */
    public Operation(String service, String name, boolean mutating, Handler handler) {
        this(service, name, mutating, handler, true);
    }

    /** An operation that touches no emulator state: its handler runs without the state lock. */
    public static Operation withoutStateLock(String service, String name, boolean mutating, Handler handler) {
        return new Operation(service, name, mutating, handler, false);
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
