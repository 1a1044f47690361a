package dev.pim.migration.association;

import dev.pim.migration.ServiceAccountRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name of a role created without {@code roleName}: like eksctl's {@code eksctl-<cluster>-podidentityrole-<ns>-<sa>},
 * readable, but deterministic (a re-run finds the same role) and always within IAM's 64 characters: the readable
 * part is cut to fit, and a short hash of the untruncated parts keeps two long names apart.
 */
public final class RoleNaming {
    static final int MAX_LENGTH = 64;
    private static final int HASH_LENGTH = 8;

    private RoleNaming() {
    }

    public static String forServiceAccount(String cluster, ServiceAccountRef serviceAccount) {
        return name("pim", cluster, serviceAccount.namespace(), serviceAccount.name());
    }

    public static String forAddon(String cluster, String addon, String serviceAccount) {
        return name("pim", cluster, "addon", addon, serviceAccount);
    }

    private static String name(String... parts) {
        String readable = String.join("-", parts);
        String hash = sha256(String.join("/", parts)).substring(0, HASH_LENGTH);
        int room = MAX_LENGTH - HASH_LENGTH - 1;
        if (readable.length() > room) {
            readable = readable.substring(0, room);
        }
        // IAM takes '.', but a name ending in '-' or '.' before the hash reads as a cut; drop them.
        readable = readable.replaceAll("[-.]+$", "");
        return readable + "-" + hash;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
