package dev.pim.local.iam;

import dev.pim.local.iam.query.Constraints;
import dev.pim.local.iam.query.QueryParams;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * IAM's {@code Marker}/{@code MaxItems} pagination over a list kept in key order. The marker is opaque to
 * clients and names the first key of the next page, so a page boundary survives entities being added or
 * deleted between calls: the next page starts at the first key at or after it.
 */
final class Pager {
    private static final String MARKER_PREFIX = "pim-marker:";
    private static final int DEFAULT_MAX_ITEMS = 100;

    /** One page, and the marker of the next one when the listing is truncated. */
    record Page<T>(List<T> items, Optional<String> nextMarker) {
        boolean truncated() {
            return nextMarker.isPresent();
        }
    }

    private Pager() {
    }

    /**
     * @param items    every item, sorted by {@code key} (case-insensitively)
     * @param pageCap  the most items IAM puts on one page whatever MaxItems says (it may return short pages)
     */
    static <T> Page<T> page(List<T> items, Function<T, String> key, QueryParams params, int pageCap) {
        int maxItems = params.integer("MaxItems").map(n -> Constraints.range("MaxItems", n, 1, 1000)).orElse(DEFAULT_MAX_ITEMS);
        int start = params.optional("Marker").map(Pager::decode).map(after -> firstAtOrAfter(items, key, after)).orElse(0);
        int end = Math.min(items.size(), start + Math.min(maxItems, pageCap));
        Optional<String> next = end < items.size() ? Optional.of(encode(key.apply(items.get(end)))) : Optional.empty();
        return new Page<>(items.subList(start, end), next);
    }

    private static <T> int firstAtOrAfter(List<T> items, Function<T, String> key, String markerKey) {
        for (int i = 0; i < items.size(); i++) {
            if (key.apply(items.get(i)).compareToIgnoreCase(markerKey) >= 0) {
                return i;
            }
        }
        return items.size();
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((MARKER_PREFIX + key.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        Constraints.length("Marker", marker, 1, 320);
        try {
            String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (text.startsWith(MARKER_PREFIX)) {
                return text.substring(MARKER_PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // not base64: falls through to the same answer as any other foreign marker
        }
        throw IamErrors.invalidInput("Invalid Marker: '" + marker + "' is not a Marker this listing returned");
    }
}
