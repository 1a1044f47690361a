package dev.pim.local.dynamodb;

import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    /** Set by the HTTP client itself, or meaningful only between the caller and the local cloud. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "date", "server");
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
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
        java.net.http.HttpRequest.Builder forwarded = java.net.http.HttpRequest.newBuilder(target.endpoint())
                .timeout(CALL_TIMEOUT)
                .method(request.method(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name)) {
                values.forEach(value -> forwarded.header(name, value));
            }
        });
        try {
            java.net.http.HttpResponse<byte[]> answer = http.send(forwarded.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new HttpResponse(answer.statusCode(), headersOf(answer), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("DynamoDB Local at " + target.endpoint() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for DynamoDB Local", e);
        }
    }

    private static Map<String, String> headersOf(java.net.http.HttpResponse<?> answer) {
        Map<String, String> out = new LinkedHashMap<>();
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                out.put(name, String.join(",", values));
            }
        });
        return out;
    }
}
