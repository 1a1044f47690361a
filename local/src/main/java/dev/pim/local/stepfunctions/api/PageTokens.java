package dev.pim.local.stepfunctions.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page tokens: the offset of the next page, bound to the listing it came from so that a token cannot be
 * replayed against another one.
 */
final class PageTokens {
    private PageTokens() {
    }

    /** A page of {@code items} from the token's offset (or the start), and the token of the next page, if any. */
    static <T> Page<T> page(List<T> items, String token, int size, String listing) {
        int offset = token == null ? 0 : decode(token, listing);
        if (offset > items.size()) {
            throw SfnErrors.invalidToken(token);
        }
        int end = Math.min(items.size(), offset + size);
        String next = end < items.size() ? encode(end, listing) : null;
        return new Page<>(items.subList(offset, end), next);
    }

    record Page<T>(List<T> items, String nextToken) {
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
