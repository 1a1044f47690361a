package dev.pim.migration.trust;

import java.util.List;
import java.util.function.Predicate;

/**
 * The "string or list" value of a policy element ({@code Action}, a principal type, a condition key).
 * IAM treats {@code "x"} and {@code ["x"]} alike, but the shape is kept so that rendering changes nothing
 * the edit did not mean to change.
 *
 * @param listShaped whether the value was written as a JSON array
 */
public record PolicyValues(List<JsonScalar> items, boolean listShaped) {
    public PolicyValues {
        items = List.copyOf(items);
        if (!listShaped && items.size() != 1) {
            throw new IllegalArgumentException("a value written as a single item must hold exactly one item");
        }
    }

    public static PolicyValues single(String value) {
        return new PolicyValues(List.of(JsonScalar.string(value)), false);
    }

    public static PolicyValues list(String... values) {
        return new PolicyValues(List.of(values).stream().map(JsonScalar::string).toList(), true);
    }

    public List<String> texts() {
        return items.stream().map(JsonScalar::text).toList();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The same shape without the items that {@code drop} selects (a list stays a list, even of one). */
    public PolicyValues without(Predicate<JsonScalar> drop) {
        List<JsonScalar> kept = items.stream().filter(drop.negate()).toList();
        return new PolicyValues(kept, listShaped || kept.size() != 1);
    }
}
