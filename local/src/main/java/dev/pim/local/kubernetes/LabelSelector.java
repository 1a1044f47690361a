package dev.pim.local.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code labelSelector} query parameter: equality-based ({@code a=b}, {@code a==b}, {@code a!=b}),
 * existence ({@code a}, {@code !a}) and set-based ({@code a in (x,y)}, {@code a notin (x,y)}) requirements,
 * all of which must hold.
 */
record LabelSelector(List<Requirement> requirements) {
    private static final Pattern SET = Pattern.compile("([^\\s!=()]+)\\s+(in|notin)\\s+\\(([^)]*)\\)");
    private static final Pattern EQUALITY = Pattern.compile("([^\\s!=()]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)");
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*([^\\s!=()]+)");

    static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    /** One requirement on one label. */
    record Requirement(String key, Operator operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
            };
        }
    }

    enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitOutsideParentheses(text)) {
            requirements.add(requirement(part.trim(), text));
        }
        return new LabelSelector(List.copyOf(requirements));
    }

    boolean matches(Map<String, String> labels) {
        Map<String, String> have = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(have));
    }

    private static Requirement requirement(String part, String whole) {
        Matcher m = SET.matcher(part);
        if (m.matches()) {
            Set<String> values = Set.of(m.group(3).trim().split("\\s*,\\s*"));
            return new Requirement(m.group(1), m.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, values);
        }
        m = EQUALITY.matcher(part);
        if (m.matches()) {
            return new Requirement(m.group(1), m.group(2).equals("!=") ? Operator.NOT_IN : Operator.IN, Set.of(m.group(3)));
        }
        m = EXISTS.matcher(part);
        if (m.matches()) {
            return new Requirement(m.group(2), m.group(1).isEmpty() ? Operator.EXISTS : Operator.DOES_NOT_EXIST, Set.of());
        }
        throw StatusErrors.badRequest("unable to parse requirement: \"" + part + "\" in label selector \"" + whole + "\"");
    }

    private static List<String> splitOutsideParentheses(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
