package dev.pim.migration.association;

import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AddonServiceAccountPolicies;
import dev.pim.migration.inventory.RoleInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code create podidentityassociation --addon NAME}: an add-on's service accounts get their role through UpdateAddon
 * ({@code podIdentityAssociations}), the route EKS keeps for add-ons. Without {@code --role-arn}, each service
 * account gets a role created from the managed policies AWS recommends for it (DescribeAddonConfiguration).
 */
public final class AddonIdentity {
    private final AssociationContext context;

    public AddonIdentity(AssociationContext context) {
        this.context = context;
    }

    /** @param roleArn an existing role for every service account of the add-on, or null to create one each */
    public AssociationPlan plan(String addonName, String roleArn) {
        String cluster = context.clusterName();
        AddonInfo addon = context.eks().addon(addonName).orElseThrow(() -> new AssociationRefusedException("add-on "
                + addonName + " is not installed on cluster " + cluster + " (create it first: it must exist for "
                + "UpdateAddon to give it an identity)"));
        if (!addon.podIdentityAssociationArns().isEmpty()) {
            return new AssociationPlan("create", List.of(), List.of("add-on " + addonName + " already has "
                    + addon.podIdentityAssociationArns().size() + " pod identity association(s): nothing to do"));
        }
        List<AddonServiceAccountPolicies> serviceAccounts = context.admin().addonPodIdentityConfiguration(addonName,
                addon.version());
        if (serviceAccounts.isEmpty()) {
            throw new AssociationRefusedException("add-on " + addonName + " " + addon.version() + " does not support "
                    + "Pod Identity (DescribeAddonConfiguration lists no podIdentityConfiguration): update the add-on");
        }
        if (roleArn != null) {
            context.requireUsableRole(roleArn, "add-on " + addonName);
        }
        Roles chosen = roles(addonName, serviceAccounts, roleArn);
        List<String> tasks = new ArrayList<>(chosen.tasks());
        tasks.add("update add-on " + addonName + " (" + addon.version() + ") with pod identity associations for "
                + String.join(", ", serviceAccounts.stream().map(AddonServiceAccountPolicies::serviceAccount).toList())
                + " (UpdateAddon)");
        return new AssociationPlan("create", List.of(new AssociationPlan.Change("add-on " + addonName, tasks,
                () -> apply(addon, chosen))), List.of());
    }

    /**
     * The role of each service account: the given one, a leftover pim created for it earlier, or one to create.
     *
     * @param existing service account to the ARN of a role that exists
     * @param toCreate service account to the role to create for it
     */
    private record Roles(Map<String, String> existing, Map<String, RoleBlueprint> toCreate, List<String> tasks) {
    }

    private Roles roles(String addonName, List<AddonServiceAccountPolicies> serviceAccounts, String roleArn) {
        Map<String, String> existing = new LinkedHashMap<>();
        Map<String, RoleBlueprint> toCreate = new LinkedHashMap<>();
        List<String> tasks = new ArrayList<>();
        for (AddonServiceAccountPolicies sa : serviceAccounts) {
            if (roleArn != null) {
                existing.put(sa.serviceAccount(), roleArn);
                continue;
            }
            RoleBlueprint blueprint = blueprint(addonName, sa);
            Optional<RoleInfo> sameName = context.iam().role(blueprint.name());
            if (sameName.isEmpty()) {
                tasks.addAll(blueprint.describe());
                toCreate.put(sa.serviceAccount(), blueprint);
            } else if (CreatedRoleTag.marks(sameName.get().tags(), blueprint.tags().get(CreatedRoleTag.ROLE_KEY))) {
                tasks.add("use role \"" + blueprint.name() + "\" that pim created earlier for " + sa.serviceAccount());
                existing.put(sa.serviceAccount(), sameName.get().arn());
            } else {
                throw new AssociationRefusedException("add-on " + addonName + ": a role named " + blueprint.name()
                        + " exists already and pim did not create it for " + sa.serviceAccount() + "; give --role-arn");
            }
        }
        return new Roles(existing, toCreate, tasks);
    }

    /** Creates the roles, then UpdateAddon; roles made for a call that fails are deleted again. */
    private String apply(AddonInfo addon, Roles chosen) {
        Map<String, String> roles = new LinkedHashMap<>(chosen.existing());
        List<String> created = new ArrayList<>();
        try {
            chosen.toCreate().forEach((sa, blueprint) -> {
                roles.put(sa, context.provisioner().create(blueprint));
                created.add(blueprint.name());
            });
            context.eks().updateAddonAssociations(addon.name(), addon.version(), roles);
        } catch (RuntimeException e) {
            created.forEach(role -> context.provisioner().deleteQuietly(role, e));
            throw e;
        }
        return "add-on " + addon.name() + " now uses Pod Identity: " + roles;
    }

    private RoleBlueprint blueprint(String addonName, AddonServiceAccountPolicies sa) {
        if (sa.recommendedManagedPolicies().isEmpty()) {
            throw new AssociationRefusedException("add-on " + addonName + ": AWS recommends no managed policy for "
                    + sa.serviceAccount() + "; give --role-arn with the role it should use");
        }
        String cluster = context.clusterName();
        String name = RoleNaming.forAddon(cluster, addonName, sa.serviceAccount());
        Map<String, String> tags = Map.of(CreatedRoleTag.ROLE_KEY,
                CreatedRoleTag.addonValue(context.region(), cluster, addonName, sa.serviceAccount()));
        return new RoleBlueprint(name, RoleProvisioner.podIdentityTrust(name), "EKS Pod Identity role of add-on "
                + addonName + " (" + sa.serviceAccount() + ") on cluster " + cluster + ", created by pim",
                new PolicyGrants(sa.recommendedManagedPolicies(), Map.of()), null, tags);
    }
}
