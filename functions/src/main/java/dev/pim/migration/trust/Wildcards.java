package dev.pim.migration.trust;

import java.util.Locale;

/** IAM's glob matching ({@code *} any run of characters, {@code ?} one character), as in actions and StringLike. */
public final class Wildcards {
    private Wildcards() {
    }

    public static boolean matches(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int pi = 0;
        int vi = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                // Remember the star and first try matching it to nothing; backtrack one character at a time.
                starAt = pi++;
                resumeAt = vi;
            } else if (starAt >= 0) {
                pi = starAt + 1;
                vi = ++resumeAt;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    public static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }
}
