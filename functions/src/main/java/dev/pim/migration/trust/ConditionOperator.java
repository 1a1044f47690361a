package dev.pim.migration.trust;

import java.util.Locale;

/**
 * The meaning of a condition operator name such as {@code ForAnyValue:StringLikeIfExists}: its set
 * qualifier, its base operator and whether it ends in {@code IfExists}.
 */
public record ConditionOperator(String name, String qualifier, String base, boolean ifExists) {
    private static final String IF_EXISTS = "IfExists";

    public static ConditionOperator parse(String name) {
        int colon = name.indexOf(':');
        String qualifier = colon < 0 ? "" : name.substring(0, colon);
        String rest = colon < 0 ? name : name.substring(colon + 1);
        boolean ifExists = rest.endsWith(IF_EXISTS) && rest.length() > IF_EXISTS.length();
        String base = ifExists ? rest.substring(0, rest.length() - IF_EXISTS.length()) : rest;
        return new ConditionOperator(name, qualifier, base, ifExists);
    }

    /**
     * Whether the operator admits exactly the values it lists ({@code StringEquals}, {@code StringLike},
     * {@code StringEqualsIgnoreCase}, with any qualifier or {@code IfExists}). Only such lists can be
     * narrowed by removing a value; removing a value from a negated operator would widen access.
     */
    public boolean admitsListedValues() {
        return switch (base) {
            case "StringEquals", "StringLike", "StringEqualsIgnoreCase" -> true;
            default -> false;
        };
    }

    public boolean isLike() {
        return base.equals("StringLike");
    }

    public boolean ignoresCase() {
        return base.equals("StringEqualsIgnoreCase");
    }

    /** Whether {@code listed} (a value of this operator) admits {@code candidate}. */
    public boolean admits(String listed, String candidate) {
        if (isLike()) {
            return Wildcards.matches(listed, candidate, false);
        }
        return ignoresCase() ? listed.equalsIgnoreCase(candidate) : listed.equals(candidate);
    }

    /** Whether {@code listed} is written the same as {@code value}, as this operator compares text. */
    public boolean sameValue(String listed, String value) {
        return ignoresCase() ? listed.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))
                : listed.equals(value);
    }
}
