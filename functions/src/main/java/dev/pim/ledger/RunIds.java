package dev.pim.ledger;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/**
 * Run ids: the start time to the second, then four random characters ({@code 20261122T220501Z-k3f9}), so that
 * they sort by start time and two runs started in the same second still differ. The alphabet leaves out
 * characters that read alike (l, o, 0, 1).
 */
public final class RunIds {
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int SUFFIX_LENGTH = 4;

    private final RandomGenerator random;

    public RunIds() {
        this(new SecureRandom());
    }

    /** With a given source of randomness (a seeded one makes two journals draw the same ids, as tests want). */
    public RunIds(RandomGenerator random) {
        this.random = random;
    }

    public synchronized String next(Instant startedAt) {
        return RUN_TIME.format(startedAt) + "-" + randomText(SUFFIX_LENGTH);
    }

    /** Random text over the run-id alphabet (also what tells concurrent journal writers apart). */
    synchronized String randomText(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** Whether a text can be a run id (what is safe to put in a path or a key); says nothing of its existence. */
    public static boolean plausible(String runId) {
        return runId != null && runId.matches("[0-9A-Za-z-]+");
    }
}
