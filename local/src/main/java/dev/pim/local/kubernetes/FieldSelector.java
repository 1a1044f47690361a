package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code fieldSelector} query parameter ({@code spec.nodeName=n,status.phase!=Failed}) over the fields the
 * API server indexes for each resource; any other field is refused as the API server refuses it.
 */
record FieldSelector(List<Term> terms) {
    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");
    private static final Map<String, Set<String>> EXTRA_FIELDS = Map.of(
            "pods", Set.of("spec.nodeName", "spec.serviceAccountName", "spec.schedulerName", "status.phase",
                    "status.podIP", "spec.restartPolicy"),
            "namespaces", Set.of("status.phase"),
            "nodes", Set.of("spec.unschedulable"));

    static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    /** {@code field=value} or, when {@code negated}, {@code field!=value}. */
    record Term(String field, String value, boolean negated) {
        boolean matches(JsonNode object) {
            JsonNode node = object;
            for (String step : field.split("\\.")) {
                node = node == null ? null : node.get(step);
            }
            String actual = node == null || node.isNull() ? defaultOf(field) : node.asText();
            return negated != actual.equals(value);
        }

        private static String defaultOf(String field) {
            return field.equals("spec.unschedulable") ? "false" : "";
        }
    }

    static FieldSelector parse(ResourceType<?> type, String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",")) {
            terms.add(term(type, part.trim()));
        }
        return new FieldSelector(List.copyOf(terms));
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    boolean matches(JsonNode object) {
        return terms.stream().allMatch(t -> t.matches(object));
    }

    private static Term term(ResourceType<?> type, String part) {
        int not = part.indexOf("!=");
        int eq = part.indexOf('=');
        if (eq <= 0 && not <= 0) {
            throw StatusErrors.badRequest("invalid selector: '" + part + "'; can't understand '" + part + "'");
        }
        boolean negated = not > 0;
        String field = part.substring(0, negated ? not : eq).trim();
        String value = part.substring(negated ? not + 2 : part.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
        if (!COMMON.contains(field) && !EXTRA_FIELDS.getOrDefault(type.plural(), Set.of()).contains(field)) {
            throw StatusErrors.badRequest("field label not supported: " + field);
        }
        return new Term(field, value, negated);
    }
}
