package dev.pim.export;

import dev.pim.migration.RoleArn;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.port.EksPort;
import dev.pim.migration.port.IamPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Reads what an export needs through the migration's ports: read calls only. */
public final class ExportReader {
    private final EksPort eks;
    private final IamPort iam;

    public ExportReader(EksPort eks, IamPort iam) {
        this.eks = eks;
        this.iam = iam;
    }

    /** Every association (all pages, each described), its add-on owner, and each same-account role's trust. */
    public ClusterExport read(ClusterInfo cluster) {
        Map<String, String> addonByAssociationArn = new HashMap<>();
        for (AddonInfo addon : eks.addons()) {
            addon.podIdentityAssociationArns().forEach(arn -> addonByAssociationArn.put(arn, addon.name()));
        }
        List<ExportedAssociation> associations = new ArrayList<>();
        TreeSet<String> roleArns = new TreeSet<>();
        for (AssociationInfo a : eks.associations()) {
            // An owner EKS names but whose add-on is not listed (being deleted) still belongs to that add-on.
            String addon = a.ownedByAddon() ? addonByAssociationArn.getOrDefault(a.arn(), addonName(a.ownerArn())) : null;
            associations.add(new ExportedAssociation(a.id(), a.arn(), a.serviceAccount(), a.roleArn(), a.targetRoleArn(), addon, a.tags()));
            roleArns.add(a.roleArn());
            if (a.targetRoleArn() != null) {
                roleArns.add(a.targetRoleArn());
            }
        }
        String account = cluster.ref().accountId();
        List<ExportedRole> roles = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (String arn : roleArns) {
            RoleArn parsed = RoleArn.parse(arn);
            if (!parsed.accountId().equals(account)) {
                unread.add(arn + ": in account " + parsed.accountId() + ", not the cluster's; its trust is not exported");
                continue;
            }
            Optional<RoleInfo> role = iam.role(parsed.name());
            if (role.isEmpty()) {
                unread.add(arn + ": IAM has no such role");
            } else {
                roles.add(new ExportedRole(role.get().arn(), role.get().name(), role.get().path(), role.get().trustPolicy()));
            }
        }
        return new ClusterExport(cluster.ref().name(), cluster.ref().region(), account, associations, roles, unread);
    }

    /** {@code arn:aws:eks:region:account:addon/cluster/name/uuid} → {@code name}. */
    static String addonName(String ownerArn) {
        String[] parts = ownerArn.split("/");
        return parts.length >= 3 ? parts[2] : ownerArn;
    }
}
