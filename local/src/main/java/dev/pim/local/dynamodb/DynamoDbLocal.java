package dev.pim.local.dynamodb;

import dev.pim.local.server.HttpForwarder;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The local cloud's DynamoDB: DynamoDB Local, started on first use, to which requests are forwarded as they
 * came (method, headers, body; it does not check signatures) and whose answers are returned as they are (the
 * SDK checks their CRC32). {@link #reset} throws the database away; the next call starts an empty one.
 *
 * <p>Calls run concurrently, as they do against DynamoDB; a reset waits for the calls in flight to finish.
 */
public final class DynamoDbLocal implements AutoCloseable {
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final HttpForwarder forwarder = new HttpForwarder();
    private DynamoDbLocalInstance running;
    /** Why DynamoDB Local could not start: kept until reset, since trying again (SDKs retry a 500) changes nothing. */
    private IllegalStateException startFailure;

    /**
     * Serves one DynamoDB request.
     *
     * @throws UncheckedIOException  when DynamoDB Local does not answer
     * @throws IllegalStateException when it cannot start
     */
    public HttpResponse forward(HttpRequest request) {
        lifecycle.readLock().lock();
        try {
            return send(instance(), request);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Drops every table (the whole in-memory database). */
    public void reset() {
        lifecycle.writeLock().lock();
        try {
            stop();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        reset();
    }

    private synchronized DynamoDbLocalInstance instance() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (running == null) {
            try {
                running = DynamoDbLocalInstance.start();
            } catch (IllegalStateException e) {
                startFailure = e;
                throw e;
            }
        }
        return running;
    }

    private synchronized void stop() {
        startFailure = null;
        if (running != null) {
            running.close();
            running = null;
        }
    }

    private HttpResponse send(DynamoDbLocalInstance target, HttpRequest request) {
        return forwarder.send(target.endpoint(), request);
    }
}
