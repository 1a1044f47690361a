package dev.pim.local.iam;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * IAM's evaluation of a statement's {@code Condition} block against a request: blocks and keys are ANDed, the
 * values of one key ORed; negated operators hold when the key is absent; {@code IfExists} holds when it is
 * absent; {@code ForAnyValue}/{@code ForAllValues} compare sets. Written from the IAM User Guide's condition
 * reference, independently of the migrator's own reading of trust policies, so the two can be held against
 * each other. Operators it does not implement (IP addresses, binary) are unknown, never silently true.
 */
final class ConditionEvaluator {

    private ConditionEvaluator() {
    }

    static Tri evaluate(JsonNode condition, RequestContext request) {
        if (condition == null || condition.isNull()) {
            return Tri.TRUE;
        }
        if (!condition.isObject()) {
            return Tri.UNKNOWN;
        }
        Tri all = Tri.TRUE;
        for (Iterator<Map.Entry<String, JsonNode>> blocks = condition.fields(); blocks.hasNext(); ) {
            Map.Entry<String, JsonNode> block = blocks.next();
            if (!block.getValue().isObject()) {
                return Tri.UNKNOWN;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = block.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                all = all.and(entry(block.getKey(), key.getKey(), texts(key.getValue()), request));
            }
        }
        return all;
    }

    private static Tri entry(String operatorName, String key, List<String> listed, RequestContext request) {
        Operator op = Operator.parse(operatorName);
        if (request.isUnknown(key)) {
            return Tri.UNKNOWN;
        }
        List<String> present = request.values(key);
        if (op.base.equals("Null")) {
            boolean absent = present == null || present.isEmpty();
            return listed.stream().anyMatch(v -> v.equalsIgnoreCase("true") == absent) ? Tri.TRUE : Tri.FALSE;
        }
        BiPredicate<String, String> compare = comparison(op.base);
        if (compare == null) {
            return Tri.UNKNOWN;
        }
        if (present == null || present.isEmpty()) {
            // ForAllValues over an empty set is vacuously true, ForAnyValue false; otherwise negated operators and
            // IfExists hold on absence.
            return switch (op.qualifier) {
                case "ForAllValues" -> Tri.TRUE;
                case "ForAnyValue" -> Tri.of(op.ifExists);
                default -> Tri.of(op.ifExists || op.negated);
            };
        }
        BiPredicate<String, String> admits = op.negated ? compare.negate() : compare;
        if (op.qualifier.equals("ForAllValues")) {
            return Tri.of(present.stream().allMatch(value -> op.negated
                    ? listed.stream().allMatch(l -> admits.test(l, value))
                    : listed.stream().anyMatch(l -> admits.test(l, value))));
        }
        // Plain and ForAnyValue: some value of the request matches (for a negated operator: matches none listed).
        return Tri.of(present.stream().anyMatch(value -> op.negated
                ? listed.stream().allMatch(l -> admits.test(l, value))
                : listed.stream().anyMatch(l -> admits.test(l, value))));
    }

    /** How a listed value (first argument) compares with a request value; null for operators not implemented. */
    private static BiPredicate<String, String> comparison(String base) {
        return switch (base) {
            case "StringEquals", "StringNotEquals" -> String::equals;
            case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> String::equalsIgnoreCase;
            case "StringLike", "StringNotLike", "ArnLike", "ArnEquals", "ArnNotLike", "ArnNotEquals" ->
                    (listed, value) -> glob(listed, false).matcher(value).matches();
            case "Bool" -> String::equalsIgnoreCase;
            case "NumericEquals", "NumericNotEquals" -> numeric((a, b) -> b.compareTo(a) == 0);
            case "NumericLessThan" -> numeric((a, b) -> b.compareTo(a) < 0);
            case "NumericLessThanEquals" -> numeric((a, b) -> b.compareTo(a) <= 0);
            case "NumericGreaterThan" -> numeric((a, b) -> b.compareTo(a) > 0);
            case "NumericGreaterThanEquals" -> numeric((a, b) -> b.compareTo(a) >= 0);
            case "DateEquals", "DateNotEquals" -> date((a, b) -> b.compareTo(a) == 0);
            case "DateLessThan" -> date((a, b) -> b.compareTo(a) < 0);
            case "DateLessThanEquals" -> date((a, b) -> b.compareTo(a) <= 0);
            case "DateGreaterThan" -> date((a, b) -> b.compareTo(a) > 0);
            case "DateGreaterThanEquals" -> date((a, b) -> b.compareTo(a) >= 0);
            default -> null;
        };
    }

    private static BiPredicate<String, String> numeric(BiPredicate<BigDecimal, BigDecimal> test) {
        return (listed, value) -> {
            try {
                return test.test(new BigDecimal(listed), new BigDecimal(value));
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }

    private static BiPredicate<String, String> date(BiPredicate<OffsetDateTime, OffsetDateTime> test) {
        return (listed, value) -> {
            try {
                return test.test(OffsetDateTime.parse(listed), OffsetDateTime.parse(value));
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    /** IAM wildcards: {@code *} any run of characters, {@code ?} one character. */
    static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
    }

    /** A policy value or list of values as text (IAM accepts numbers and booleans where strings go). */
    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    /** {@code ForAnyValue:StringLikeIfExists} split into qualifier, base operator, negation and IfExists. */
    private record Operator(String qualifier, String base, boolean negated, boolean ifExists) {
        static Operator parse(String name) {
            int colon = name.indexOf(':');
            String qualifier = colon < 0 ? "" : name.substring(0, colon);
            String rest = colon < 0 ? name : name.substring(colon + 1);
            boolean ifExists = rest.endsWith("IfExists") && !rest.equals("IfExists");
            String base = ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
            boolean negated = base.toLowerCase(Locale.ROOT).contains("not");
            return new Operator(qualifier, base, negated, ifExists);
        }
    }
}
