package dev.pim.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Stable resource names for infrastructure code: made from what a resource is (its namespace and service account,
 * its role name), the same on every export, and unique within one: names that would collide get a short digest
 * of what they stand for.
 */
final class ResourceNames {

    private ResourceNames() {
    }

    /**
     * @param separator what goes between a colliding name and its digest
     * @return each key's name, by key
     */
    static Map<String, String> unique(List<String> keys, Function<String, String> base, String separator) {
        Map<String, Integer> uses = new HashMap<>();
        keys.stream().distinct().forEach(k -> uses.merge(base.apply(k), 1, Integer::sum));
        Map<String, String> out = new TreeMap<>();
        for (String key : keys) {
            String name = base.apply(key);
            out.put(key, uses.get(name) > 1 ? name + separator + digest(key) : name);
        }
        return out;
    }

    /** A Terraform identifier (letters, digits, {@code _}, {@code -}; not starting with a digit or {@code -}). */
    static String terraform(String text) {
        String name = text.replace("/", "__").replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() || !Character.isLetter(name.charAt(0)) && name.charAt(0) != '_' ? "_" + name : name;
    }

    /** A CloudFormation logical id (letters and digits only): {@code payments/payments-api} → {@code PaymentsPaymentsApi}. */
    static String cloudFormation(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return out.toString();
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
