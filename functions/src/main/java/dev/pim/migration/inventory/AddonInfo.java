package dev.pim.migration.inventory;

import java.util.List;

/**
 * An installed EKS add-on.
 *
 * @param podIdentityAssociationArns the associations the add-on owns
 * @param podIdentityServiceAccounts the service accounts this add-on version supports Pod Identity for
 *                                   (empty: the version does not support it)
 * @param healthIssues               what EKS reports wrong with it ({@code code: message}), empty when healthy
 */
public record AddonInfo(String name, String version, String status, String serviceAccountRoleArn,
                        List<String> podIdentityAssociationArns, List<String> podIdentityServiceAccounts,
                        List<String> healthIssues) {

    public AddonInfo {
        healthIssues = healthIssues == null ? List.of() : List.copyOf(healthIssues);
    }

    /** An add-on with no health issue reported. */
    public AddonInfo(String name, String version, String status, String serviceAccountRoleArn,
                     List<String> podIdentityAssociationArns, List<String> podIdentityServiceAccounts) {
        this(name, version, status, serviceAccountRoleArn, podIdentityAssociationArns, podIdentityServiceAccounts, List.of());
    }

    public boolean usesIrsa() {
        return serviceAccountRoleArn != null && !serviceAccountRoleArn.isBlank();
    }
}
