package dev.pim.local.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Sends a request the local cloud received on to a private server as it came (method, path, query, headers,
 * body) and returns its answer as it is: how DynamoDB Local and ElasticMQ are served. The path matters for SQS:
 * query-protocol clients may post to a queue's URL.
 */
public final class HttpForwarder {
    /** Set by the HTTP client itself, or meaningful only between the caller and the local cloud. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "date", "server");
    /** Longer than the longest SQS long poll (20 seconds) and any DynamoDB Local call. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * @throws UncheckedIOException when the server does not answer
     */
    public HttpResponse send(URI server, HttpRequest request) {
        java.net.http.HttpRequest.Builder forwarded = java.net.http.HttpRequest.newBuilder(target(server, request))
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
            throw new UncheckedIOException(server + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while waiting for " + server, e));
        }
    }

    private static URI target(URI server, HttpRequest request) {
        StringJoiner query = new StringJoiner("&");
        request.query().forEach((name, values) -> values.forEach(value -> query.add(encode(name) + "=" + encode(value))));
        String path = request.rawPath().isEmpty() ? "/" : request.rawPath();
        return URI.create(server + path + (query.length() == 0 ? "" : "?" + query));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
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
