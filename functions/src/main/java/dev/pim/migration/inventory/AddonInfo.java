package dev.pim.migration.inventory;

import java.util.List;

/**
 * An installed EKS add-on.
 *
 * @param podIdentityAssociationArns the associations the add-on owns
 * @param podIdentityServiceAccounts the service accounts this add-on version supports Pod Identity for
 *                                   (empty: the version does not support it)
 */
public record AddonInfo(String name, String version, String status, String serviceAccountRoleArn,
                        List<String> podIdentityAssociationArns, List<String> podIdentityServiceAccounts) {

    public boolean usesIrsa() {
        return serviceAccountRoleArn != null && !serviceAccountRoleArn.isBlank();
    }
}
