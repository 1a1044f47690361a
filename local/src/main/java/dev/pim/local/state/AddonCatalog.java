package dev.pim.local.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The add-ons EKS offers (DescribeAddonVersions, DescribeAddonConfiguration). */
public final class AddonCatalog {
    private final Map<String, AddonInfo> addons = new LinkedHashMap<>();

    /**
     * @param serviceAccounts the service accounts of the add-on's own workloads, in its namespace
     * @param daemonSet       whether those workloads are DaemonSets (else Deployments)
     */
    public record AddonInfo(String name, String type, String publisher, String owner, String defaultNamespace,
                            List<String> serviceAccounts, boolean daemonSet, List<AddonVersion> versions) {

        public Optional<AddonVersion> version(String version) {
            return versions.stream().filter(v -> v.version().equals(version)).findFirst();
        }

        /** The default version for a Kubernetes version, else the newest compatible one. */
        public Optional<AddonVersion> defaultFor(String kubernetesVersion) {
            List<AddonVersion> compatible = versions.stream()
                    .filter(v -> v.clusterVersions().isEmpty() || v.clusterVersions().contains(kubernetesVersion))
                    .toList();
            return compatible.stream().filter(AddonVersion::defaultVersion).findFirst()
                    .or(() -> compatible.stream().findFirst());
        }
    }

    /**
     * @param podIdentity empty when this version does not support Pod Identity
     * @param clusterVersions Kubernetes versions it supports; empty means all
     */
    public record AddonVersion(String version, boolean requiresIamPermissions, boolean defaultVersion,
                               List<String> clusterVersions, List<PodIdentityServiceAccount> podIdentity,
                               List<String> architectures) {
    }

    public record PodIdentityServiceAccount(String serviceAccount, List<String> recommendedManagedPolicies) {
    }

    public void put(AddonInfo info) {
        addons.put(info.name(), info);
    }

    public Optional<AddonInfo> get(String name) {
        return Optional.ofNullable(addons.get(name));
    }

    public List<AddonInfo> all() {
        return List.copyOf(addons.values());
    }
}
