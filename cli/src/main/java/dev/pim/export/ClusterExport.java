package dev.pim.export;

import java.util.Comparator;
import java.util.List;

/**
 * A cluster's Pod Identity associations and the trust policies of the roles they name, as read from AWS: what
 * {@code pim export} renders as infrastructure code.
 *
 * @param associations sorted by service account, then id
 * @param roles        the same-account roles the associations name (role and target role), sorted by name
 * @param unread       roles whose trust could not be read here (another account, or gone), one line each
 */
public record ClusterExport(String clusterName, String region, String accountId, List<ExportedAssociation> associations,
                           List<ExportedRole> roles, List<String> unread) {

    public ClusterExport {
        associations = associations.stream().sorted(Comparator.comparing(ExportedAssociation::serviceAccount)
                .thenComparing(ExportedAssociation::id)).toList();
        roles = roles.stream().sorted(Comparator.comparing(ExportedRole::name)).toList();
        unread = unread.stream().sorted().toList();
    }

    public List<ExportedAssociation> standalone() {
        return associations.stream().filter(a -> a.addon() == null).toList();
    }

    /** The add-ons that own associations, by name. */
    public List<String> addons() {
        return associations.stream().map(ExportedAssociation::addon).filter(a -> a != null).distinct().sorted().toList();
    }

    public List<ExportedAssociation> ownedBy(String addon) {
        return associations.stream().filter(a -> addon.equals(a.addon())).toList();
    }
}
