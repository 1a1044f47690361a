package dev.pim.local.stepfunctions.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.stepfunctions.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Opaque page tokens: the offset of the next page, bound to the listing it came from so that a token cannot be
 * replayed against another one.
 */
final class PageTokens {
    private PageTokens() {
    }

    /**
     * The response body of a list operation: the page of {@code items} that the request's nextToken (or the start)
     * and maxResults ask for, as the array {@code member}, and the token of the next page, if any.
     */
    static <T> ObjectNode page(List<T> items, Requests request, String listing, String member,
                               Function<T, ObjectNode> toJson) {
        String token = request.optional("nextToken");
        int size = request.pageSize();
        int offset = token == null ? 0 : decode(token, listing);
        if (offset > items.size()) {
            throw SfnErrors.invalidToken(token);
        }
        int end = Math.min(items.size(), offset + size);
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray(member);
        items.subList(offset, end).forEach(item -> array.add(toJson.apply(item)));
        if (end < items.size()) {
            body.put("nextToken", encode(end, listing));
        }
        return body;
    }

    private static String encode(int offset, String listing) {
        String text = offset + ":" + Integer.toHexString(listing.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token, String listing) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length != 2 || !parts[1].equals(Integer.toHexString(listing.hashCode()))) {
                throw SfnErrors.invalidToken(token);
            }
            return Integer.parseInt(parts[0]);
        } catch (IllegalArgumentException e) {
            throw SfnErrors.invalidToken(token);
        }
    }
}
