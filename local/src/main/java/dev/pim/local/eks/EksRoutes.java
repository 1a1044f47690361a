package dev.pim.local.eks;

import java.util.List;

import static dev.pim.local.eks.EksRoute.read;
import static dev.pim.local.eks.EksRoute.write;

/** The operations the local EKS serves, bound to their URIs as in the 2017-11-01 model. */
final class EksRoutes {

    private EksRoutes() {
    }

    static List<EksRoute> all() {
        ClusterOperations clusters = new ClusterOperations();
        AddonOperations addons = new AddonOperations();
        AddonCatalogOperations catalog = new AddonCatalogOperations();
        PodIdentityOperations associations = new PodIdentityOperations();
        AccessEntryOperations accessEntries = new AccessEntryOperations();
        String association = "clusters/{name}/pod-identity-associations/{associationId}";
        String accessEntry = "clusters/{name}/access-entries/{principalArn}";
        return List.of(
                read("GET", "clusters", "ListClusters", clusters::listClusters),
                read("GET", "clusters/{name}", "DescribeCluster", clusters::describeCluster),
                read("GET", "clusters/{name}/node-groups", "ListNodegroups", clusters::listNodegroups),
                read("GET", "clusters/{name}/node-groups/{nodegroupName}", "DescribeNodegroup",
                        clusters::describeNodegroup),
                read("GET", "clusters/{name}/fargate-profiles", "ListFargateProfiles", clusters::listFargateProfiles),
                read("GET", "clusters/{name}/fargate-profiles/{fargateProfileName}", "DescribeFargateProfile",
                        clusters::describeFargateProfile),
                read("GET", "clusters/{name}/updates/{updateId}", "DescribeUpdate", addons::describeUpdate),

                read("GET", "clusters/{name}/addons", "ListAddons", addons::listAddons),
                write("POST", "clusters/{name}/addons", "CreateAddon", addons::createAddon),
                read("GET", "clusters/{name}/addons/{addonName}", "DescribeAddon", addons::describeAddon),
                write("POST", "clusters/{name}/addons/{addonName}/update", "UpdateAddon", addons::updateAddon),
                write("DELETE", "clusters/{name}/addons/{addonName}", "DeleteAddon", addons::deleteAddon),
                read("GET", "addons/supported-versions", "DescribeAddonVersions", catalog::describeAddonVersions),
                read("GET", "addons/configuration-schemas", "DescribeAddonConfiguration",
                        catalog::describeAddonConfiguration),

                write("POST", "clusters/{name}/pod-identity-associations", "CreatePodIdentityAssociation",
                        associations::create),
                read("GET", "clusters/{name}/pod-identity-associations", "ListPodIdentityAssociations",
                        associations::list),
                read("GET", association, "DescribePodIdentityAssociation", associations::describe),
                write("POST", association, "UpdatePodIdentityAssociation", associations::update),
                write("DELETE", association, "DeletePodIdentityAssociation", associations::delete),

                write("POST", "clusters/{name}/access-entries", "CreateAccessEntry", accessEntries::create),
                read("GET", "clusters/{name}/access-entries", "ListAccessEntries", accessEntries::list),
                read("GET", accessEntry, "DescribeAccessEntry", accessEntries::describe),
                write("DELETE", accessEntry, "DeleteAccessEntry", accessEntries::delete),
                write("POST", accessEntry + "/access-policies", "AssociateAccessPolicy",
                        accessEntries::associatePolicy),
                read("GET", accessEntry + "/access-policies", "ListAssociatedAccessPolicies",
                        accessEntries::listAssociatedPolicies),
                write("DELETE", accessEntry + "/access-policies/{policyArn}", "DisassociateAccessPolicy",
                        accessEntries::disassociatePolicy),
                read("GET", "access-policies", "ListAccessPolicies", accessEntries::listAccessPolicies));
    }
}
