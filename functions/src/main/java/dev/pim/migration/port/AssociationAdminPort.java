package dev.pim.migration.port;

import dev.pim.migration.inventory.AddonServiceAccountPolicies;
import dev.pim.migration.inventory.AssociationInfo;

import java.util.List;

/**
 * What association management needs from EKS beyond the migration's {@link EksPort}, for one cluster. Implemented
 * over the AWS SDK in {@code dev.pim.aws}.
 */
public interface AssociationAdminPort {

    /**
     * The ids of the associations of the given namespace and service account (null: any), every page.
     */
    List<String> associationIds(String namespace, String serviceAccount);

    /**
     * Gives an existing association another role.
     *
     * @throws RoleNotYetUsableException when EKS does not (yet) see the role or its trust policy
     */
    AssociationInfo updateAssociationRole(String associationId, String roleArn);

    /** The service accounts an add-on version supports Pod Identity for, with the managed policies AWS recommends. */
    List<AddonServiceAccountPolicies> addonPodIdentityConfiguration(String addonName, String addonVersion);
}
