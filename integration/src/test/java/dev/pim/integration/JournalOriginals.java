package dev.pim.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.invariant.OriginalsJournal;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.journal.RunRecord;

import java.io.IOException;
import java.util.Objects;

/**
 * The product's journal as the local cloud's invariant monitor reads it: an original is held when a run of the
 * cluster saved it (TrustSaved) or recorded it as what its write replaced (TrustWritten), compared as JSON.
 */
public final class JournalOriginals implements OriginalsJournal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Journal journal;
    private final ClusterRef cluster;

    public JournalOriginals(Journal journal, ClusterRef cluster) {
        this.journal = journal;
        this.cluster = cluster;
    }

    @Override
    public boolean holdsOriginal(String roleArn, String policy) {
        JsonNode wanted = tree(policy);
        // A worker of another role may be appending right now: a torn last line reads as an error; read again.
        for (int attempt = 0; ; attempt++) {
            try {
                for (RunRecord run : journal.runs(cluster)) {
                    for (JournalEntry e : journal.entries(run.runId())) {
                        if (e instanceof JournalEntry.TrustSaved saved && saved.roleArn().equals(roleArn)
                                && Objects.equals(tree(saved.policy()), wanted)) {
                            return true;
                        }
                        if (e instanceof JournalEntry.TrustWritten written && written.roleArn().equals(roleArn)
                                && Objects.equals(tree(written.before()), wanted)) {
                            return true;
                        }
                    }
                }
                return false;
            } catch (RuntimeException torn) {
                if (attempt >= 3) {
                    throw torn;
                }
            }
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
