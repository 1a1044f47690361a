package dev.pim.migration.inventory;

import dev.pim.migration.ServiceAccountRef;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An EKS Pod Identity association, described (list summaries have no role).
 *
 * @param ownerArn  the owning add-on's ARN, or null for a standalone association
 * @param createdAt when EKS created it, or null when not known
 */
public record AssociationInfo(String id, String arn, ServiceAccountRef serviceAccount, String roleArn,
                              String targetRoleArn, String ownerArn, Map<String, String> tags, Instant createdAt) {

    public AssociationInfo(String id, String arn, ServiceAccountRef serviceAccount, String roleArn, String targetRoleArn,
                           String ownerArn, Map<String, String> tags) {
        this(id, arn, serviceAccount, roleArn, targetRoleArn, ownerArn, tags, null);
    }

    public boolean ownedByAddon() {
        return ownerArn != null && !ownerArn.isBlank();
    }

    /** The owning add-on's name: {@code arn:aws:eks:<region>:<account>:addon/<cluster>/<addon>/<id>} → {@code <addon>}. */
    public Optional<String> ownerAddon() {
        if (!ownedByAddon()) {
            return Optional.empty();
        }
        String[] parts = ownerArn.split("/");
        return Optional.of(parts.length >= 3 ? parts[2] : ownerArn);
    }
}
