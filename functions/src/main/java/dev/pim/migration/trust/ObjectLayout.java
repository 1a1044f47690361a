package dev.pim.migration.trust;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a JSON object of the policy was written: the order of its keys and the fields the model does not
 * interpret, kept as minified JSON text so that they are rendered back in their place.
 *
 * @param keys          every key of the object, known or not, in document order
 * @param unknownFields the uninterpreted fields, by key, as minified JSON
 */
public record ObjectLayout(List<String> keys, Map<String, String> unknownFields) {
    public ObjectLayout {
        keys = List.copyOf(keys);
        unknownFields = Collections.unmodifiableMap(new LinkedHashMap<>(unknownFields));
    }

    /** The layout of an object built by an edit: these keys, in this order, nothing unknown. */
    public static ObjectLayout of(String... keys) {
        return new ObjectLayout(List.of(keys), Map.of());
    }

    /** The keys to render: the original order, then any key an edit introduced. */
    public List<String> orderWith(List<String> presentKnownKeys) {
        List<String> order = new ArrayList<>(keys);
        presentKnownKeys.stream().filter(key -> !order.contains(key)).forEach(order::add);
        return order;
    }
}
