package dev.pim.migration.trust;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a trust-policy edit.
 *
 * @param policy  the policy to write; the original one when nothing changed or the edit was refused
 * @param changed whether {@link #policy()} differs from the original (only then is a write needed)
 * @param notes   what was added, removed or left alone, and why, for the migration report
 * @param refusal why the edit was not made, when it was refused
 */
public record TrustEdit(TrustPolicy policy, boolean changed, List<String> notes, Optional<String> refusal) {
    public TrustEdit {
        notes = List.copyOf(notes);
    }

    static TrustEdit of(TrustPolicy original, TrustPolicy edited, List<String> notes) {
        boolean changed = !edited.render().equals(original.render());
        return new TrustEdit(changed ? edited : original, changed, notes, Optional.empty());
    }

    static TrustEdit refused(TrustPolicy original, String reason, List<String> notes) {
        return new TrustEdit(original, false, notes, Optional.of(reason));
    }

    public boolean refused() {
        return refusal.isPresent();
    }

    public boolean fitsQuota(int quota) {
        return policy.fitsQuota(quota);
    }

    public int charactersOver(int quota) {
        return policy.charactersOver(quota);
    }
}
