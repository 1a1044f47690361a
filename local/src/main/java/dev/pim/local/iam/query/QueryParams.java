package dev.pim.local.iam.query;

import dev.pim.local.server.HttpRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of an AWS query-protocol request ({@code Action=GetRole&RoleName=x}), from the query string
 * and the form body. Lists arrive flattened: {@code TagKeys.member.1=a}, {@code Tags.member.1.Key=k}.
 */
public record QueryParams(Map<String, List<String>> values) {

    public static QueryParams of(HttpRequest request) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        request.query().forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        request.form().forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return new QueryParams(merged);
    }

    public Optional<String> optional(String name) {
        List<String> found = values.get(name);
        return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** A parameter the operation cannot do without: AWS answers its absence with a ValidationError. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> Constraints.missing(name));
    }

    public Optional<Integer> integer(String name) {
        return optional(name).map(text -> {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw Constraints.violation(name, text, "Member must be an integer");
            }
        });
    }

    /** Whether a list parameter was sent at all (an empty list is sent as {@code Name=}). */
    public boolean hasList(String name) {
        return values.containsKey(name) || values.keySet().stream().anyMatch(k -> k.startsWith(name + ".member."));
    }

    /** {@code Name.member.N} values, in member order. */
    public List<String> members(String name) {
        Pattern key = Pattern.compile(Pattern.quote(name) + "\\.member\\.(\\d+)");
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        values.forEach((k, v) -> {
            Matcher m = key.matcher(k);
            if (m.matches() && !v.isEmpty()) {
                byIndex.put(Integer.valueOf(m.group(1)), v.get(0));
            }
        });
        return List.copyOf(byIndex.values());
    }

    /** {@code Name.member.N.Field} structures, in member order, each as its fields by name. */
    public List<Map<String, String>> structures(String name) {
        Pattern key = Pattern.compile(Pattern.quote(name) + "\\.member\\.(\\d+)\\.(\\w+)");
        TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
        values.forEach((k, v) -> {
            Matcher m = key.matcher(k);
            if (m.matches() && !v.isEmpty()) {
                byIndex.computeIfAbsent(Integer.valueOf(m.group(1)), i -> new LinkedHashMap<>()).put(m.group(2), v.get(0));
            }
        });
        return List.copyOf(byIndex.values());
    }
}
