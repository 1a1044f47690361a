package dev.pim.migration.association;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.port.AssociationAdminPort;
import dev.pim.migration.port.EksPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finding associations (every page, then described for the role) and the add-on a service account belongs to. */
public final class AssociationDirectory {
    private static final String ADDON_NAMESPACE = "kube-system";
    private final EksPort eks;
    private final AssociationAdminPort admin;

    public AssociationDirectory(EksPort eks, AssociationAdminPort admin) {
        this.eks = eks;
        this.admin = admin;
    }

    /** @param namespace null for every namespace; @param serviceAccount null for every service account */
    public List<AssociationInfo> find(String namespace, String serviceAccount) {
        List<AssociationInfo> found = new ArrayList<>();
        for (String id : admin.associationIds(namespace, serviceAccount)) {
            // One deleted between the list and the describe is simply not there any more.
            eks.describeAssociation(id).ifPresent(found::add);
        }
        return found;
    }

    public Optional<AssociationInfo> of(ServiceAccountRef serviceAccount) {
        return find(serviceAccount.namespace(), serviceAccount.name()).stream().findFirst();
    }

    /**
     * The add-on whose identity this is: the owner of its association, or an installed add-on that lists the service
     * account in its Pod Identity configuration (add-ons run in kube-system).
     */
    public Optional<String> addonOf(ServiceAccountRef serviceAccount, Optional<AssociationInfo> association,
                                    List<AddonInfo> addons) {
        if (association.isPresent() && association.get().ownedByAddon()) {
            return association.get().ownerAddon();
        }
        if (!serviceAccount.namespace().equals(ADDON_NAMESPACE)) {
            return Optional.empty();
        }
        return addons.stream().filter(a -> a.podIdentityServiceAccounts().contains(serviceAccount.name()))
                .map(AddonInfo::name).findFirst();
    }

    /** The message for an add-on's service account: its role goes through UpdateAddon. */
    static String addonRoute(String cluster, ServiceAccountRef serviceAccount, String addon) {
        return serviceAccount + " is the service account of add-on " + addon + ": its role is set through UpdateAddon "
                + "(podIdentityAssociations), not a standalone association; run pim create podidentityassociation "
                + "--cluster " + cluster + " --addon " + addon;
    }
}
