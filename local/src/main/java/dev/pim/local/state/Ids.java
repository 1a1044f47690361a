package dev.pim.local.state;

import java.security.SecureRandom;
import java.util.UUID;

/** Identifiers in the shapes AWS uses, so that clients parsing them (ARNs, association ids) see real formats. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Ids() {
    }

    /** {@code a-} followed by 17 lower-case alphanumerics, as EKS pod identity association ids are. */
    public static String associationId() {
        return "a-" + random(LOWER_ALNUM, 17);
    }

    /** IAM unique ids: a four-letter type prefix (AROA for roles, ASIA for temporary keys) and 17 more. */
    public static String iamUniqueId(String prefix) {
        return prefix + random(UPPER_ALNUM, 17);
    }

    public static String secret() {
        return random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+", 40);
    }

    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    public static String lowerAlnum(int length) {
        return random(LOWER_ALNUM, length);
    }

    private static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
