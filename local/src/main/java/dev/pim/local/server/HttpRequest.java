package dev.pim.local.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the emulated services see it.
 *
 * @param rawPath  the path exactly as sent, still percent-encoded
 * @param segments the path split on {@code /} first and then percent-decoded one segment at a time, so an
 *                 encoded {@code %2F} inside an ARN stays inside its segment (EKS access-entry paths need this)
 * @param query    query parameters, decoded, in order; repeated keys keep every value
 * @param headers  header names lower-cased
 */
public record HttpRequest(String method, String rawPath, List<String> segments, Map<String, List<String>> query,
                          Map<String, List<String>> headers, byte[] body) {

    public static HttpRequest of(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                                 byte[] body) {
        Map<String, List<String>> lowered = new LinkedHashMap<>();
        headers.forEach((k, v) -> lowered.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        return new HttpRequest(method, rawPath, splitPath(rawPath), parseForm(rawQuery), lowered, body);
    }

    static List<String> splitPath(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(decodePathSegment(part));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Percent-decodes a path segment; unlike form decoding, {@code +} is a literal plus. */
    public static String decodePathSegment(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Parses {@code application/x-www-form-urlencoded} text (query strings and AWS query-protocol bodies). */
    public static Map<String, List<String>> parseForm(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as form parameters (AWS query protocol). */
    public Map<String, List<String>> form() {
        return parseForm(bodyText());
    }
}
