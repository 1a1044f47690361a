package dev.pim.migration.association;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code update podidentityassociation}: gives existing associations another role (UpdatePodIdentityAssociation).
 * A service account without an association, or one an add-on owns (its role goes through UpdateAddon), is refused.
 */
public final class AssociationUpdate {
    private final AssociationContext context;

    public AssociationUpdate(AssociationContext context) {
        this.context = context;
    }

    public AssociationPlan plan(List<AssociationRequest> requests) {
        AssociationDirectory directory = context.directory();
        List<AddonInfo> addons = context.eks().addons();
        List<AssociationPlan.Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (AssociationRequest request : requests) {
            ServiceAccountRef serviceAccount = request.serviceAccount();
            Optional<AssociationInfo> existing = directory.of(serviceAccount);
            Optional<String> addon = directory.addonOf(serviceAccount, existing, addons);
            if (addon.isPresent()) {
                throw new AssociationRefusedException(serviceAccount + " is the service account of add-on "
                        + addon.get() + ": its role is changed through UpdateAddon (aws eks update-addon --cluster-name "
                        + context.clusterName() + " --addon-name " + addon.get() + " --pod-identity-associations "
                        + "serviceAccount=" + serviceAccount.name() + ",roleArn=<role ARN>), not a standalone update");
            }
            AssociationInfo association = existing.orElseThrow(() -> new AssociationRefusedException(
                    "no pod identity association for service account " + serviceAccount + " in cluster "
                            + context.clusterName() + ": create one with pim create podidentityassociation"));
            context.requireUsableRole(request.roleArn(), serviceAccount.toString());
            if (request.roleArn().equals(association.roleArn())) {
                notes.add(serviceAccount + " already uses " + request.roleArn() + ": nothing to change");
                continue;
            }
            changes.add(new AssociationPlan.Change(serviceAccount.toString(), List.of("update pod identity association "
                    + association.id() + " of \"" + serviceAccount + "\": role " + association.roleArn() + " -> "
                    + request.roleArn()), () -> {
                context.admin().updateAssociationRole(association.id(), request.roleArn());
                return "updated association " + association.id() + " of " + serviceAccount + " to " + request.roleArn();
            }));
        }
        return new AssociationPlan("update", changes, notes);
    }
}
