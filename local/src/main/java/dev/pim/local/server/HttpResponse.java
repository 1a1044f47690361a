package dev.pim.local.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public static HttpResponse of(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new HttpResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse json(int status, String body) {
        return of(status, "application/json", body);
    }

    public static HttpResponse xml(int status, String body) {
        return of(status, "text/xml", body);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
