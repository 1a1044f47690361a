package dev.pim.local.iam;

import java.nio.charset.StandardCharsets;

/** How IAM handles the text of a policy document: the encoding it returns it in, and the length it charges. */
public final class PolicyText {
    private static final String HEX = "0123456789ABCDEF";

    private PolicyText() {
    }

    /**
     * RFC 3986 encoding as IAM returns documents: every byte of the UTF-8 text except {@code A-Z a-z 0-9 - _ . ~}
     * becomes {@code %XX} (so {@code /} is {@code %2F} and a space {@code %20}, never {@code +}).
     */
    public static String urlEncode(String text) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (unreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            }
        }
        return out.toString();
    }

    /**
     * The length IAM measures against the trust-policy quota: every character except whitespace outside
     * JSON strings, so indentation is free but spaces inside a condition value count.
     */
    public static int chargedLength(String json) {
        int length = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                length++;
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (!Character.isWhitespace(c)) {
                length++;
                inString = c == '"';
            }
        }
        return length;
    }

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
