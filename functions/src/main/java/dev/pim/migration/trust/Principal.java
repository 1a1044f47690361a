package dev.pim.migration.trust;

import java.util.List;

/**
 * A statement's {@code Principal} or {@code NotPrincipal}: either a plain string ({@code "*"} means
 * everyone) or an object of principal types ({@code AWS}, {@code Service}, {@code Federated},
 * {@code CanonicalUser}, or any other name, kept as written).
 */
public sealed interface Principal {
    String EVERYONE = "*";

    /** The values given for one principal type, empty when the type is absent. */
    List<String> valuesOf(String type);

    /** Whether this principal is the plain wildcard {@code "*"}. */
    boolean isEveryone();

    /** {@code "Principal": "*"} or another plain string. */
    record Literal(String value) implements Principal {
        @Override
        public List<String> valuesOf(String type) {
            return List.of();
        }

        @Override
        public boolean isEveryone() {
            return value.equals(EVERYONE);
        }
    }

    /** {@code "Principal": {"Service": ..., "AWS": [...]}}, types in document order. */
    record Typed(List<Entry> entries) implements Principal {
        public Typed {
            entries = List.copyOf(entries);
        }

        @Override
        public List<String> valuesOf(String type) {
            return entries.stream().filter(entry -> entry.type().equals(type))
                    .flatMap(entry -> entry.values().texts().stream()).toList();
        }

        @Override
        public boolean isEveryone() {
            return false;
        }

        /** The principal types present, in document order. */
        public List<String> types() {
            return entries.stream().map(Entry::type).toList();
        }
    }

    record Entry(String type, PolicyValues values) {
    }
}
