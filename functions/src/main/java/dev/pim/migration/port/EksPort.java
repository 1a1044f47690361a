package dev.pim.migration.port;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.FargateSelector;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the migration needs from EKS, for one cluster. Implemented over the AWS SDK in {@code dev.pim.aws}. */
public interface EksPort {

    /** @throws ClusterNotFoundException when EKS has no such cluster in this account and region */
    ClusterInfo describeCluster();

    List<FargateSelector> fargateSelectors();

    /** Every installed add-on, with the Pod Identity service accounts its version supports. */
    List<AddonInfo> addons();

    Optional<AddonInfo> addon(String name);

    /** The version EKS installs by default for this cluster's Kubernetes version. */
    Optional<String> defaultAddonVersion(String addonName);

    void createAddon(String addonName, String version);

    /** Replaces the add-on's Pod Identity associations (service account → role ARN). */
    void updateAddonAssociations(String addonName, String version, Map<String, String> roleByServiceAccount);

    /** Sets the add-on's IRSA role ({@code serviceAccountRoleArn}); null clears it (UpdateAddon with an empty string). */
    void setAddonServiceAccountRole(String addonName, String roleArn);

    void deleteAddon(String addonName);

    /** Every association, described (list summaries carry no role). */
    List<AssociationInfo> associations();

    Optional<AssociationInfo> association(ServiceAccountRef serviceAccount);

    /** The ids of every association of the cluster: the paged list only, nothing described. */
    List<String> associationIds();

    /** One association, described; empty when it is gone. */
    Optional<AssociationInfo> describeAssociation(String associationId);

    /**
     * @throws AssociationExistsException   when the service account already has one
     * @throws RoleNotYetUsableException    when EKS does not (yet) see the role or its new trust policy
     */
    AssociationInfo createAssociation(ServiceAccountRef serviceAccount, String roleArn, String targetRoleArn,
                                      Map<String, String> tags);

    void deleteAssociation(String associationId);
}
