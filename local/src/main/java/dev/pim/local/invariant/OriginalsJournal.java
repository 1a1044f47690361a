package dev.pim.local.invariant;

/**
 * The journal of whoever changes trust policies, as the monitor reads it: it lives outside the emulator (a
 * directory of files, a DynamoDB table), so the process that knows its format registers a reader.
 */
@FunctionalInterface
public interface OriginalsJournal {
    /** Whether the journal holds {@code policy} (compared as JSON, not as text) as a saved original of the role. */
    boolean holdsOriginal(String roleArn, String policy);
}
