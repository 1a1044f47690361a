package dev.pim.local.sqs;

import dev.pim.local.clock.LocalClock;
import dev.pim.local.server.HttpForwarder;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.function.Supplier;

/**
 * The local cloud's SQS: an in-memory ElasticMQ, started on first use, to which requests are forwarded as they
 * came (it checks no signature) and whose answers are returned as they are. {@link #reset} throws every queue
 * away; the next call starts an empty ElasticMQ (a warm start takes about 0.1 s), named after the fixture then
 * loaded.
 *
 * <p>Calls run concurrently, as they do against SQS. Unlike DynamoDB's, a reset does not wait for the calls in
 * flight: a long poll may hold one for 20 seconds. Such a call fails (a 503, or a 500 {@code InternalError} when
 * the connection drops; clients retry both) and its retry finds the fresh, empty ElasticMQ.
 */
public final class ElasticMq implements AutoCloseable {
    private final Supplier<URI> publicEndpoint;
    private final Supplier<SqsIdentity> identity;
    private final LocalClock clock;
    private final HttpForwarder forwarder = new HttpForwarder();
    private ElasticMqInstance running;

    /**
     * @param publicEndpoint the local cloud's endpoint, which queue URLs must name
     * @param identity       the account and region of queue URLs and ARNs, read at each start
     * @param clock          the emulator's clock, which ElasticMQ keeps time by
     */
    public ElasticMq(Supplier<URI> publicEndpoint, Supplier<SqsIdentity> identity, LocalClock clock) {
        this.publicEndpoint = publicEndpoint;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * Serves one SQS request.
     *
     * @throws UncheckedIOException  when ElasticMQ does not answer
     * @throws IllegalStateException when it cannot start
     */
    public HttpResponse forward(HttpRequest request) {
        return forwarder.send(instance().endpoint(), request);
    }

    /** Drops every queue and message. */
    public synchronized void reset() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Whether ElasticMQ is running (it starts on the first SQS call after a start or a reset). */
    public synchronized boolean running() {
        return running != null;
    }

    @Override
    public void close() {
        reset();
    }

    private synchronized ElasticMqInstance instance() {
        if (running == null) {
            running = ElasticMqInstance.start(publicEndpoint.get(), identity.get(), clock);
        }
        return running;
    }
}
