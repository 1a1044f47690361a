package dev.pim.local.eks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.state.AddonCatalog.AddonVersion;
import dev.pim.local.state.AddonCatalog.PodIdentityServiceAccount;
import dev.pim.local.state.AddonState;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code podIdentityAssociations} of CreateAddon and UpdateAddon: a list of {serviceAccount, roleArn} in
 * the add-on's namespace that replaces the associations the add-on owns. On UpdateAddon an omitted list
 * changes nothing and an empty one deletes them. An add-on cannot take over an association it does not own.
 */
final class AddonAssociations {

    /** One requested association. */
    record Requested(String serviceAccount, String roleArn) {
    }

    private AddonAssociations() {
    }

    /** The requested list, or null when the body does not carry the member at all. */
    static List<Requested> parse(EksCall call) {
        List<JsonNode> items = call.optionalList("podIdentityAssociations");
        if (items == null) {
            return null;
        }
        List<Requested> requested = new ArrayList<>();
        for (JsonNode item : items) {
            String serviceAccount = item.path("serviceAccount").asText("");
            String roleArn = item.path("roleArn").asText("");
            if (serviceAccount.isEmpty()) {
                throw EksErrors.missing("podIdentityAssociations.serviceAccount");
            }
            if (roleArn.isEmpty()) {
                throw EksErrors.missing("podIdentityAssociations.roleArn");
            }
            requested.add(new Requested(serviceAccount, roleArn));
        }
        return requested;
    }

    /**
     * Refuses what EKS refuses: a version without Pod Identity support, a service account the version does not
     * name, the same service account twice, a service account whose association the add-on does not own, and a
     * role that CreatePodIdentityAssociation would refuse.
     *
     * @param addon the add-on being updated, or null for one being created
     */
    static void validate(EksCall call, ClusterState cluster, String addonName, Optional<AddonVersion> version,
                         AddonState addon, String namespace, List<Requested> requested) {
        if (requested.isEmpty()) {
            return;
        }
        List<String> supported = version.map(v -> v.podIdentity().stream()
                .map(PodIdentityServiceAccount::serviceAccount).toList()).orElse(List.of());
        if (supported.isEmpty()) {
            throw EksErrors.invalidParameter("Pod Identity feature is not supported for addon version: "
                    + version.map(AddonVersion::version).orElse(addon == null ? "unknown" : addon.version))
                    .with("clusterName", cluster.name).with("addonName", addonName);
        }
        Set<String> seen = new HashSet<>();
        int added = 0;
        for (Requested r : requested) {
            if (!supported.contains(r.serviceAccount())) {
                throw EksErrors.invalidParameter("Service account " + r.serviceAccount() + " in pod identity"
                        + " configuration is not supported for addon " + addonName)
                        .with("clusterName", cluster.name).with("addonName", addonName);
            }
            if (!seen.add(r.serviceAccount())) {
                throw EksErrors.invalidParameter("Service account " + r.serviceAccount() + " appears more than once"
                        + " in podIdentityAssociations").with("clusterName", cluster.name).with("addonName", addonName);
            }
            Optional<AssociationState> existing = Associations.find(cluster, namespace, r.serviceAccount());
            if (existing.isPresent() && (addon == null || !Objects.equals(existing.get().ownerArn, addon.arn))) {
                throw notAdoptable(cluster, addonName, existing.get());
            }
            added += existing.isPresent() ? 0 : 1;
            PodIdentityRoles.check(call, cluster, r.roleArn(), namespace, r.serviceAccount());
        }
        Associations.requireRoom(call, cluster, added);
    }

    /**
     * Makes the add-on own exactly the requested associations: same service account keeps its association
     * (with the new role), new ones are created, the rest are deleted. True when anything changed.
     */
    static boolean apply(ClusterState cluster, AddonState addon, String namespace, List<Requested> requested,
                         Instant now) {
        Map<String, AssociationState> owned = owned(cluster, addon).stream()
                .collect(Collectors.toMap(a -> a.serviceAccount, Function.identity()));
        boolean changed = false;
        List<String> ids = new ArrayList<>();
        for (Requested r : requested) {
            AssociationState association = owned.remove(r.serviceAccount());
            if (association == null) {
                association = Associations.create(cluster, namespace, r.serviceAccount(), r.roleArn(), now);
                association.ownerArn = addon.arn;
                changed = true;
            } else if (!association.roleArn.equals(r.roleArn())) {
                association.roleArn = r.roleArn();
                association.modifiedAt = now;
                changed = true;
            }
            ids.add(association.id);
        }
        for (AssociationState dropped : owned.values()) {
            cluster.associations.remove(dropped.id);
            changed = true;
        }
        addon.associationIds.clear();
        addon.associationIds.addAll(ids);
        return changed;
    }

    /** DeleteAddon: owned associations go with the add-on, or stay as standalone ones when it is preserved. */
    static void release(ClusterState cluster, AddonState addon, boolean preserve) {
        for (AssociationState association : owned(cluster, addon)) {
            if (preserve) {
                association.ownerArn = null;
            } else {
                cluster.associations.remove(association.id);
            }
        }
        addon.associationIds.clear();
    }

    private static List<AssociationState> owned(ClusterState cluster, AddonState addon) {
        return addon.associationIds.stream().map(cluster.associations::get).filter(Objects::nonNull).toList();
    }

    /** The user guide: "Add-ons can't assume ownership of existing pod identity associations." */
    private static RuntimeException notAdoptable(ClusterState cluster, String addonName, AssociationState existing) {
        return EksErrors.invalidParameter("Pod identity association already exists for service account "
                        + existing.serviceAccount + " in namespace " + existing.namespace + ": " + existing.id
                        + ". Add-ons can't assume ownership of existing pod identity associations; delete it and"
                        + " set it again through the add-on")
                .with("clusterName", cluster.name).with("addonName", addonName);
    }
}
