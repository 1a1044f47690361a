package dev.pim.local.server;

/**
 * Holds the calls that reach the local cloud while something is being deployed on it (at start, and again after a
 * reset), so that no caller sees it half-deployed: a fleet scan invoked the moment the port opens waits for the
 * fleet's queues instead of failing without them. The deployment's own calls carry {@link #HEADER} and go through
 * (as the emulator's own setup, neither counted nor faulted); the admin API is never held.
 */
public final class DeploymentGate {
    /** The header a deployment's SDK clients add to their calls ({@code putHeader(HEADER, "true")}). */
    public static final String HEADER = "x-pim-deployment";

    private int holds;

    /** Holds calls from now until as many {@link #release()}s. */
    public synchronized void hold() {
        holds++;
    }

    public synchronized void release() {
        if (holds == 0) {
            throw new IllegalStateException("the deployment gate is not held");
        }
        holds--;
        if (holds == 0) {
            notifyAll();
        }
    }

    /** Whether a call is a deployment's own: it is served at once, and neither counted nor faulted. */
    static boolean isDeploymentCall(HttpRequest request) {
        return request.header(HEADER) != null;
    }

    /** Returns once nothing is being deployed. */
    void awaitOpen() {
        synchronized (this) {
            while (holds > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ApiError.of("ServiceUnavailable", 503, "the local cloud stopped while deploying");
                }
            }
        }
    }
}
