package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.trust.PodIdentityScope;

import java.util.List;

/**
 * What happens to one role: its trust policy before and after, and the associations made with it.
 *
 * @param trustBefore       the trust policy as IAM holds it now
 * @param trustAfter        minified, with the Pod Identity statement (equal to the minified original when present)
 * @param trustAfterCleanup after also removing this cluster's migrated subjects (null unless asked for)
 * @param refusal           why this role cannot be changed (over the quota, unparsable...), or null
 * @param associations      standalone associations to create with this role
 * @param addons            add-ons to update with this role
 * @param podIdentityScope  whom the Pod Identity statement admits (the apply step builds the same statement from it)
 */
public record RolePlan(String roleArn, String roleName, String trustBefore, String trustAfter, boolean trustChanges,
                       int sizeAfter, int quota, String trustAfterCleanup, List<String> notes, String refusal,
                       List<ServiceAccountRef> associations, List<String> addons, PodIdentityScope podIdentityScope) {

    /** A role plan with the documented, unconditioned Pod Identity statement. */
    public RolePlan(String roleArn, String roleName, String trustBefore, String trustAfter, boolean trustChanges,
                    int sizeAfter, int quota, String trustAfterCleanup, List<String> notes, String refusal,
                    List<ServiceAccountRef> associations, List<String> addons) {
        this(roleArn, roleName, trustBefore, trustAfter, trustChanges, sizeAfter, quota, trustAfterCleanup, notes, refusal,
                associations, addons, null);
    }

    public RolePlan {
        podIdentityScope = podIdentityScope == null ? PodIdentityScope.account() : podIdentityScope;
        notes = List.copyOf(notes);
        associations = List.copyOf(associations);
        addons = List.copyOf(addons);
    }

    public boolean refused() {
        return refusal != null;
    }
}
