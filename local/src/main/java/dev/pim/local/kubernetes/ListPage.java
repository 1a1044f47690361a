package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One page of a list ({@code limit} and {@code continue}). The continue token is opaque to clients; like the
 * API server's it is base64 JSON naming the list's resource version and the key to resume after.
 *
 * @param continueToken null on the last page
 * @param remaining     how many matching objects follow this page, null on the last page
 */
record ListPage<T>(List<T> items, String continueToken, Long remaining) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param sorted every matching object by its state key, in key order
     * @param limit  the {@code limit} parameter, null or 0 for everything
     */
    static <T> ListPage<T> of(List<Map.Entry<String, T>> sorted, String limit, String continueToken,
                              String resourceVersion) {
        String start = continueToken == null || continueToken.isEmpty() ? null : startOf(continueToken);
        List<Map.Entry<String, T>> rest = start == null ? sorted
                : sorted.stream().filter(e -> e.getKey().compareTo(start) >= 0).toList();
        int max = parseLimit(limit);
        if (max <= 0 || rest.size() <= max) {
            return new ListPage<>(rest.stream().map(Map.Entry::getValue).toList(), null, null);
        }
        List<Map.Entry<String, T>> page = rest.subList(0, max);
        String next = token(resourceVersion, page.get(max - 1).getKey() + "\u0000");
        return new ListPage<>(page.stream().map(Map.Entry::getValue).toList(), next, (long) (rest.size() - max));
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw StatusErrors.badRequest("invalid limit \"" + limit + "\": must be an integer");
        }
    }

    private static String token(String resourceVersion, String start) {
        ObjectNode token = JSON.createObjectNode().put("v", "meta.k8s.io/v1")
                .put("rv", Long.parseLong(resourceVersion)).put("start", start);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String startOf(String continueToken) {
        try {
            JsonNode token = JSON.readTree(Base64.getUrlDecoder().decode(continueToken));
            if (!"meta.k8s.io/v1".equals(token.path("v").asText()) || !token.path("start").isTextual()) {
                throw new IllegalArgumentException("unknown token version or no start key");
            }
            return token.get("start").asText();
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw StatusErrors.badRequest("continue key is not valid: " + e.getMessage());
        }
    }
}
