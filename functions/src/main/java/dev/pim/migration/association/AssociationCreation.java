package dev.pim.migration.association;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.port.AssociationExistsException;
import dev.pim.migration.preflight.Preflight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code create podidentityassociation}: for each service account, the role (an existing one, or one created with
 * the Pod Identity trust and the asked permissions), then the association. Refused before any write when the
 * service account already has an association (EKS allows one; eksctl's "already exists"), or belongs to an add-on.
 */
public final class AssociationCreation {
    private final AssociationContext context;

    public AssociationCreation(AssociationContext context) {
        this.context = context;
    }

    public AssociationPlan plan(List<AssociationRequest> requests) {
        List<AddonInfo> addons = context.eks().addons();
        List<String> notes = new ArrayList<>();
        if (!context.cluster().autoMode() && addons.stream().noneMatch(a -> a.name().equals(Preflight.AGENT_ADDON))) {
            notes.add("the " + Preflight.AGENT_ADDON + " add-on is not installed on cluster " + context.clusterName()
                    + ": pods get no Pod Identity credentials until it is (pim migrate installs it)");
        }
        AssociationDirectory directory = context.directory();
        List<AssociationPlan.Change> changes = new ArrayList<>();
        for (AssociationRequest request : requests) {
            ServiceAccountRef serviceAccount = request.serviceAccount();
            Optional<AssociationInfo> existing = directory.of(serviceAccount);
            Optional<String> addon = directory.addonOf(serviceAccount, existing, addons);
            if (addon.isPresent()) {
                throw new AssociationRefusedException(AssociationDirectory.addonRoute(context.clusterName(),
                        serviceAccount, addon.get()));
            }
            if (existing.isPresent()) {
                throw new AssociationRefusedException(alreadyExists(serviceAccount, existing.get().id(),
                        existing.get().roleArn()));
            }
            changes.add(request.createsRole() ? withNewRole(request) : withExistingRole(request));
        }
        return new AssociationPlan("create", changes, notes);
    }

    private AssociationPlan.Change withExistingRole(AssociationRequest request) {
        context.requireUsableRole(request.roleArn(), request.serviceAccount().toString());
        return new AssociationPlan.Change(request.serviceAccount().toString(),
                List.of(associationTask(request.serviceAccount(), request.roleArn())),
                () -> associate(request, request.roleArn(), request.tags(), null));
    }

    private AssociationPlan.Change withNewRole(AssociationRequest request) {
        ServiceAccountRef serviceAccount = request.serviceAccount();
        String name = request.roleName() != null ? request.roleName()
                : RoleNaming.forServiceAccount(context.clusterName(), serviceAccount);
        String tagValue = CreatedRoleTag.value(context.region(), context.clusterName(), serviceAccount);
        Map<String, String> associationTags = new LinkedHashMap<>(request.tags());
        associationTags.put(CreatedRoleTag.ASSOCIATION_KEY, name);
        Optional<RoleInfo> sameName = context.iam().role(name);
        if (sameName.isPresent()) {
            if (!CreatedRoleTag.marks(sameName.get().tags(), tagValue)) {
                throw new AssociationRefusedException(serviceAccount + ": a role named " + name + " exists already and "
                        + "pim did not create it for this service account; give another roleName");
            }
            // Left by an earlier create that stopped before the association: use it rather than fail the re-run.
            String arn = sameName.get().arn();
            return new AssociationPlan.Change(serviceAccount.toString(), List.of("use role \"" + name
                    + "\" that pim created earlier for " + serviceAccount, associationTask(serviceAccount, arn)),
                    () -> associate(request, arn, associationTags, null));
        }
        RoleBlueprint blueprint = blueprint(request, name, tagValue);
        List<String> tasks = new ArrayList<>(blueprint.describe());
        tasks.add(associationTask(serviceAccount, "role \"" + name + "\""));
        return new AssociationPlan.Change(serviceAccount.toString(), tasks, () -> {
            String arn = context.provisioner().create(blueprint);
            return "created role " + arn + "; " + associate(request, arn, associationTags, blueprint.name());
        });
    }

    private RoleBlueprint blueprint(AssociationRequest request, String name, String tagValue) {
        String partition = context.cluster().partition();
        PolicyGrants grants = new PolicyGrants(request.permissionPolicyArns(), request.permissionPolicy() == null
                ? Map.of() : Map.of("Policy1", request.permissionPolicy()))
                .plus(context.wellKnown().grants(request.wellKnownPolicies(), partition));
        Map<String, String> tags = new LinkedHashMap<>(request.tags());
        tags.put(CreatedRoleTag.ROLE_KEY, tagValue);
        return new RoleBlueprint(name, RoleProvisioner.podIdentityTrust(name), "EKS Pod Identity role of "
                + request.serviceAccount() + " on cluster " + context.clusterName() + ", created by pim", grants,
                request.permissionsBoundaryArn(), tags);
    }

    /** Creates the association; when EKS refuses it, a role created for it just now is deleted again. */
    private String associate(AssociationRequest request, String roleArn, Map<String, String> tags, String createdRole) {
        try {
            AssociationInfo created = context.eks().createAssociation(request.serviceAccount(), roleArn, null, tags);
            return "created association " + created.id() + " for " + request.serviceAccount();
        } catch (AssociationExistsException e) {
            RuntimeException refused = new AssociationRefusedException(alreadyExists(request.serviceAccount(),
                    e.existingId(), null));
            undo(createdRole, refused);
            throw refused;
        } catch (RuntimeException e) {
            undo(createdRole, e);
            throw e;
        }
    }

    private void undo(String createdRole, RuntimeException cause) {
        if (createdRole != null) {
            context.provisioner().deleteQuietly(createdRole, cause);
        }
    }

    private static String associationTask(ServiceAccountRef serviceAccount, String role) {
        return "create pod identity association for service account \"" + serviceAccount + "\" with " + role;
    }

    static String alreadyExists(ServiceAccountRef serviceAccount, String id, String roleArn) {
        return "service account " + serviceAccount + " already has a pod identity association"
                + (id == null ? "" : " (" + id + (roleArn == null ? "" : ", role " + roleArn) + ")")
                + ": only one IAM role can be associated with a service account at a time; change its role with "
                + "pim update podidentityassociation";
    }
}
