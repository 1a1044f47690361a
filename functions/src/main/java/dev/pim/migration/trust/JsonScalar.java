package dev.pim.migration.trust;

/**
 * One value of a policy element: a string, or (in conditions) a number, boolean or null, kept as the
 * text it had so that rendering gives it back unchanged.
 *
 * @param text the string's content, or the literal of a number, boolean or null
 */
public record JsonScalar(Kind kind, String text) {
    public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    public static JsonScalar string(String text) {
        return new JsonScalar(Kind.STRING, text);
    }
}
