package dev.pim.local.server;

import java.time.Duration;
import java.util.Optional;

/**
 * What the server does around each counted call: count it, inject what is configured (errors, throttling, latency,
 * lost answers). Implemented over the fault injector and the counters by whoever assembles the cloud, so the server
 * does not depend on them.
 */
public interface CallFaults {

    /** How an applied call's answer is lost. */
    enum LostAnswer {
        /** The service's own internal error: the call was applied, the caller cannot tell. */
        ERROR,
        /** No answer at all: the connection is closed. */
        DROP
    }

    void count(Operation operation);

    /** @throws ApiError an injected error, a throttle, or the crash the fault plan asked for */
    void beforeCall(Operation operation);

    Duration latencyFor(Operation operation);

    void afterSuccess(Operation operation);

    Optional<LostAnswer> answerLost(Operation operation);
}
