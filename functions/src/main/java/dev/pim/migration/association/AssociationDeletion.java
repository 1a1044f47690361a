package dev.pim.migration.association;

import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.RoleInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code delete podidentityassociation}: the association, then the roles pim created for it, and no other: a role is
 * deleted only when it carries {@link CreatedRoleTag} for this cluster and service account, and no other association
 * of the cluster uses it. Add-on associations are refused (UpdateAddon owns them).
 */
public final class AssociationDeletion {
    private final AssociationContext context;

    public AssociationDeletion(AssociationContext context) {
        this.context = context;
    }

    public AssociationPlan plan(List<AssociationRequest> requests) {
        AssociationDirectory directory = context.directory();
        List<AssociationPlan.Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<AssociationInfo> everyAssociation = null;
        for (AssociationRequest request : requests) {
            ServiceAccountRef serviceAccount = request.serviceAccount();
            Optional<AssociationInfo> existing = directory.of(serviceAccount);
            if (existing.isEmpty()) {
                notes.add("no pod identity association for service account " + serviceAccount + " in cluster "
                        + context.clusterName() + ": nothing to delete");
                continue;
            }
            AssociationInfo association = existing.get();
            if (association.ownedByAddon()) {
                String addon = association.ownerAddon().orElseThrow();
                throw new AssociationRefusedException(serviceAccount + "'s association " + association.id()
                        + " belongs to add-on " + addon + ": remove it through UpdateAddon (podIdentityAssociations) "
                        + "or delete the add-on");
            }
            if (everyAssociation == null) {
                everyAssociation = directory.find(null, null);
            }
            List<String> rolesToDelete = rolesToDelete(association, everyAssociation, notes);
            List<String> tasks = new ArrayList<>();
            tasks.add("delete pod identity association " + association.id() + " of \"" + serviceAccount + "\"");
            rolesToDelete.forEach(role -> tasks.add("delete IAM role \"" + role + "\" (created by pim for "
                    + serviceAccount + "): detach its managed policies, delete its inline policies, then the role"));
            changes.add(new AssociationPlan.Change(serviceAccount.toString(), tasks, () -> {
                context.eks().deleteAssociation(association.id());
                rolesToDelete.forEach(context.provisioner()::delete);
                return "deleted association " + association.id() + " of " + serviceAccount
                        + (rolesToDelete.isEmpty() ? "" : " and role(s) " + String.join(", ", rolesToDelete));
            }));
        }
        return new AssociationPlan("delete", changes, notes);
    }

    /** The association's role and the role pim recorded creating for it, when pim created them for it alone. */
    private List<String> rolesToDelete(AssociationInfo association, List<AssociationInfo> every, List<String> notes) {
        ServiceAccountRef serviceAccount = association.serviceAccount();
        Set<String> candidates = new LinkedHashSet<>();
        String current = RoleArn.parse(association.roleArn()).name();
        candidates.add(current);
        String recorded = association.tags().get(CreatedRoleTag.ASSOCIATION_KEY);
        if (recorded != null) {
            candidates.add(recorded);
        }
        String tagValue = CreatedRoleTag.value(context.region(), context.clusterName(), serviceAccount);
        List<String> deletable = new ArrayList<>();
        for (String name : candidates) {
            Optional<RoleInfo> role = context.iam().role(name);
            if (role.isEmpty()) {
                continue;
            }
            if (!CreatedRoleTag.marks(role.get().tags(), tagValue)) {
                notes.add("role " + name + " of " + serviceAccount + " is kept: pim did not create it for this "
                        + "service account (no " + CreatedRoleTag.ROLE_KEY + " tag naming it)");
                continue;
            }
            List<String> others = every.stream().filter(a -> !a.id().equals(association.id()))
                    .filter(a -> role.get().arn().equals(a.roleArn())).map(a -> a.serviceAccount().toString()).toList();
            if (!others.isEmpty()) {
                notes.add("role " + name + " is kept: pim created it for " + serviceAccount + ", but " + others
                        + " use(s) it too");
                continue;
            }
            deletable.add(name);
        }
        return deletable;
    }
}
