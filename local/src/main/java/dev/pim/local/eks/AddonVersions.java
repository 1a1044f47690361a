package dev.pim.local.eks;

import dev.pim.local.state.AddonCatalog.AddonInfo;
import dev.pim.local.state.AddonCatalog.AddonVersion;
import dev.pim.local.state.CloudState;
import dev.pim.local.state.ClusterState;

import java.util.ArrayList;
import java.util.List;

/** Which add-ons and versions EKS offers a cluster, from the state's add-on catalog. */
final class AddonVersions {
    /**
     * The Kubernetes versions EKS supports, newest first: what a catalog version that names no cluster versions
     * is compatible with.
     */
    static final List<String> KUBERNETES_VERSIONS = List.of("1.34", "1.33", "1.32", "1.31", "1.30", "1.29", "1.28");

    private AddonVersions() {
    }

    static AddonInfo info(CloudState state, ClusterState cluster, String addonName) {
        return state.addonCatalog.get(addonName).orElseThrow(() -> EksErrors.invalidParameter(
                        "Addon " + addonName + " specified is not supported")
                .with("clusterName", cluster.name).with("addonName", addonName));
    }

    /** The requested version, or the default one for the cluster's Kubernetes version when none is requested. */
    static AddonVersion resolve(AddonInfo info, String requested, ClusterState cluster) {
        if (requested == null) {
            return info.defaultFor(cluster.version).orElseThrow(() -> EksErrors.invalidParameter(
                            "Addon " + info.name() + " has no version compatible with Kubernetes " + cluster.version)
                    .with("clusterName", cluster.name).with("addonName", info.name()));
        }
        AddonVersion version = info.version(requested).orElseThrow(() -> EksErrors.invalidParameter(
                        "Addon version " + requested + " specified is not supported for addon " + info.name())
                .with("clusterName", cluster.name).with("addonName", info.name()));
        if (!compatible(version, cluster.version)) {
            throw EksErrors.invalidParameter("Addon version " + requested + " of " + info.name() + " is not compatible"
                            + " with Kubernetes version " + cluster.version + " of cluster " + cluster.name)
                    .with("clusterName", cluster.name).with("addonName", info.name());
        }
        return version;
    }

    static boolean compatible(AddonVersion version, String kubernetesVersion) {
        return version.clusterVersions().isEmpty() || version.clusterVersions().contains(kubernetesVersion);
    }

    /** The cluster versions a version lists as compatibilities, including one asked about that EKS does not list. */
    static List<String> clusterVersions(AddonVersion version, String askedFor) {
        if (!version.clusterVersions().isEmpty()) {
            return version.clusterVersions();
        }
        List<String> all = new ArrayList<>(KUBERNETES_VERSIONS);
        if (askedFor != null && !all.contains(askedFor)) {
            all.add(0, askedFor);
        }
        return all;
    }
}
