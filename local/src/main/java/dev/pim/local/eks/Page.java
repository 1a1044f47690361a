package dev.pim.local.eks;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list operation. EKS pages with {@code maxResults} (1..100, default 100) and an opaque
 * {@code nextToken}; the token here encodes the offset of the next item, so a listing is stable as long as
 * the list does not change between pages.
 */
record Page<T>(List<T> items, String nextToken) {
    static final int MAX_RESULTS = 100;
    private static final String TOKEN_PREFIX = "pim-eks:";

    /** Cuts the page {@code maxResults}/{@code nextToken} ask for out of the whole list. */
    static <T> Page<T> of(List<T> all, Integer maxResults, String nextToken) {
        int size = maxResults == null ? MAX_RESULTS : maxResults;
        int from = nextToken == null || nextToken.isEmpty() ? 0 : offset(nextToken);
        if (from > all.size()) {
            throw EksErrors.invalidParameter("The nextToken provided is invalid: it points past the end of the list");
        }
        int to = Math.min(all.size(), from + size);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? token(to) : null);
    }

    /** Adds {@code nextToken} to a response when there is a next page. */
    void putNextToken(ObjectNode response) {
        EksJson.putIfPresent(response, "nextToken", nextToken);
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                int offset = Integer.parseInt(decoded.substring(TOKEN_PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below: the token is not one this emulator issued
        }
        throw EksErrors.invalidParameter("The nextToken provided is invalid: " + token);
    }
}
