package dev.pim.migration.apply;

import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.journal.JournalEntry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The associations a run created, as its journal recorded them: what a later step of the same run (in another
 * invocation, on the state machine) knows without describing each one again. A listing still says which of them
 * exist; these only give their roles.
 */
public final class CreatedAssociations {
    private CreatedAssociations() {
    }

    /** By association id, tagged with the run as EKS holds them; a concurrent map, so readers may add to it. */
    public static Map<String, AssociationInfo> of(String runId, List<JournalEntry> entries) {
        Map<String, AssociationInfo> out = new ConcurrentHashMap<>();
        for (JournalEntry entry : entries) {
            if (entry instanceof JournalEntry.AssociationCreated c) {
                out.put(c.associationId(), new AssociationInfo(c.associationId(), null, c.serviceAccount(), c.roleArn(),
                        c.targetRoleArn(), null, Map.of(AssociationSteps.RUN_TAG, runId)));
            }
        }
        return out;
    }
}
