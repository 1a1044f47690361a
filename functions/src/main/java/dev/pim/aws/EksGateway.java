package dev.pim.aws;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AddonServiceAccountPolicies;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.FargateSelector;
import dev.pim.migration.port.AssociationAdminPort;
import dev.pim.migration.port.AssociationExistsException;
import dev.pim.migration.port.AssociationQuotaReachedException;
import dev.pim.migration.port.ClusterNotFoundException;
import dev.pim.migration.port.EksPort;
import dev.pim.migration.port.RoleNotYetUsableException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Addon;
import software.amazon.awssdk.services.eks.model.AddonPodIdentityAssociations;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociation;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link EksPort} and {@link AssociationAdminPort} over the SDK's EKS client, for one cluster. */
public final class EksGateway implements EksPort, AssociationAdminPort {
    private static final Pattern ASSOCIATION_ID = Pattern.compile("a-[a-z0-9]{17}");
    private final EksClient eks;
    private final EksClient writes;
    private final String clusterName;
    private final String region;
    private final Backoff backoff;
    private final Map<String, List<String>> podIdentitySupport = new ConcurrentHashMap<>();
    private volatile String kubernetesVersion;

    /** @param writes the client for writes, paced ({@link WritePacing}); reads go through {@code reads}, unpaced */
    public EksGateway(EksClient reads, EksClient writes, String clusterName, String region, Backoff backoff) {
        this.eks = reads;
        this.writes = writes;
        this.clusterName = clusterName;
        this.region = region;
        this.backoff = backoff;
    }

    @Override
    public ClusterInfo describeCluster() {
        Cluster c;
        try {
            c = backoff.call(() -> eks.describeCluster(r -> r.name(clusterName)).cluster());
        } catch (ResourceNotFoundException e) {
            throw new ClusterNotFoundException(clusterName, region, e.awsErrorDetails().errorMessage());
        }
        kubernetesVersion = c.version();
        String account = c.arn().split(":")[4];
        String issuer = c.identity() == null || c.identity().oidc() == null ? null : c.identity().oidc().issuer();
        return new ClusterInfo(new ClusterRef(account, region, c.name()), c.arn(), c.version(), c.platformVersion(),
                c.statusAsString(), issuer,
                c.accessConfig() == null ? null : c.accessConfig().authenticationModeAsString(),
                c.computeConfig() != null && Boolean.TRUE.equals(c.computeConfig().enabled()),
                c.endpoint(), c.certificateAuthority() == null ? null : c.certificateAuthority().data());
    }

    @Override
    public List<FargateSelector> fargateSelectors() {
        List<FargateSelector> out = new ArrayList<>();
        List<String> names = backoff.call(() -> eks.listFargateProfilesPaginator(r -> r.clusterName(clusterName))
                .fargateProfileNames().stream().toList());
        for (String name : names) {
            var profile = backoff.call(() -> eks.describeFargateProfile(r -> r.clusterName(clusterName)
                    .fargateProfileName(name)).fargateProfile());
            profile.selectors().forEach(s -> out.add(new FargateSelector(name, s.namespace(),
                    s.labels() == null ? Map.of() : Map.copyOf(s.labels()))));
        }
        return out;
    }

    @Override
    public List<AddonInfo> addons() {
        List<String> names = backoff.call(() -> eks.listAddonsPaginator(r -> r.clusterName(clusterName))
                .addons().stream().toList());
        List<AddonInfo> out = new ArrayList<>();
        for (String name : names) {
            addon(name).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<AddonInfo> addon(String name) {
        try {
            Addon a = backoff.call(() -> eks.describeAddon(r -> r.clusterName(clusterName).addonName(name)).addon());
            return Optional.of(new AddonInfo(a.addonName(), a.addonVersion(), a.statusAsString(),
                    a.serviceAccountRoleArn(), List.copyOf(a.podIdentityAssociations()),
                    podIdentityServiceAccounts(a.addonName(), a.addonVersion()), healthIssues(a)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static List<String> healthIssues(Addon addon) {
        if (addon.health() == null) {
            return List.of();
        }
        return addon.health().issues().stream().map(i -> i.codeAsString() + ": " + i.message()).toList();
    }

    private List<String> podIdentityServiceAccounts(String addon, String version) {
        return podIdentitySupport.computeIfAbsent(addon + "@" + version, k -> {
            try {
                return backoff.call(() -> eks.describeAddonConfiguration(r -> r.addonName(addon).addonVersion(version))
                        .podIdentityConfiguration().stream().map(p -> p.serviceAccount()).toList());
            } catch (ResourceNotFoundException | InvalidParameterException e) {
                return List.of();
            }
        });
    }

    @Override
    public Optional<String> defaultAddonVersion(String addonName) {
        if (kubernetesVersion == null) {
            describeCluster();
        }
        return backoff.call(() -> eks.describeAddonVersionsPaginator(r -> r.addonName(addonName)
                        .kubernetesVersion(kubernetesVersion)).addons().stream()
                .flatMap(info -> info.addonVersions().stream())
                .filter(v -> v.compatibilities().stream().anyMatch(c -> Boolean.TRUE.equals(c.defaultVersion())))
                .map(v -> v.addonVersion())
                .findFirst());
    }

    @Override
    public void createAddon(String addonName, String version) {
        backoff.run(() -> writes.createAddon(r -> r.clusterName(clusterName).addonName(addonName).addonVersion(version)));
    }

    @Override
    public void updateAddonAssociations(String addonName, String version, Map<String, String> roleByServiceAccount) {
        List<AddonPodIdentityAssociations> associations = roleByServiceAccount.entrySet().stream()
                .map(e -> AddonPodIdentityAssociations.builder().serviceAccount(e.getKey()).roleArn(e.getValue()).build())
                .toList();
        try {
            backoff.callWaitingForPropagation(() -> {
                try {
                    return writes.updateAddon(r -> r.clusterName(clusterName).addonName(addonName).addonVersion(version)
                            .podIdentityAssociations(associations));
                } catch (InvalidParameterException e) {
                    throw propagationOr(e);
                }
            });
        } catch (ResourceLimitExceededException e) {
            throw quotaReached(e);
        }
    }

    @Override
    public void setAddonServiceAccountRole(String addonName, String roleArn) {
        // EKS takes an empty string as "no role" on UpdateAddon (the model's min length is not enforced by the service).
        String value = roleArn == null ? "" : roleArn;
        backoff.callWaitingForPropagation(() -> {
            try {
                return writes.updateAddon(r -> r.clusterName(clusterName).addonName(addonName).serviceAccountRoleArn(value));
            } catch (InvalidParameterException e) {
                throw propagationOr(e);
            }
        });
    }

    @Override
    public void deleteAddon(String addonName) {
        try {
            backoff.run(() -> writes.deleteAddon(r -> r.clusterName(clusterName).addonName(addonName)));
        } catch (ResourceNotFoundException e) {
            // already gone
        }
    }

    @Override
    public List<AssociationInfo> associations() {
        List<PodIdentityAssociationSummary> summaries = backoff.call(() -> eks.listPodIdentityAssociationsPaginator(
                r -> r.clusterName(clusterName)).associations().stream().toList());
        return describeAll(summaries);
    }

    @Override
    public Optional<AssociationInfo> association(ServiceAccountRef serviceAccount) {
        List<PodIdentityAssociationSummary> summaries = backoff.call(() -> eks.listPodIdentityAssociationsPaginator(
                r -> r.clusterName(clusterName).namespace(serviceAccount.namespace())
                        .serviceAccount(serviceAccount.name())).associations().stream().toList());
        return describeAll(summaries).stream().findFirst();
    }

    @Override
    public List<String> associationIds() {
        return backoff.call(() -> eks.listPodIdentityAssociationsPaginator(r -> r.clusterName(clusterName))
                .associations().stream().map(PodIdentityAssociationSummary::associationId).toList());
    }

    @Override
    public Optional<AssociationInfo> describeAssociation(String associationId) {
        try {
            return Optional.of(toInfo(backoff.call(() -> eks.describePodIdentityAssociation(r -> r.clusterName(clusterName)
                    .associationId(associationId)).association())));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private List<AssociationInfo> describeAll(List<PodIdentityAssociationSummary> summaries) {
        List<AssociationInfo> out = new ArrayList<>();
        for (PodIdentityAssociationSummary s : summaries) {
            try {
                out.add(toInfo(backoff.call(() -> eks.describePodIdentityAssociation(r -> r.clusterName(clusterName)
                        .associationId(s.associationId())).association())));
            } catch (ResourceNotFoundException e) {
                // deleted between list and describe
            }
        }
        return out;
    }

    @Override
    public AssociationInfo createAssociation(ServiceAccountRef serviceAccount, String roleArn, String targetRoleArn,
                                             Map<String, String> tags) {
        try {
            return toInfo(backoff.callWaitingForPropagation(() -> {
                try {
                    return writes.createPodIdentityAssociation(r -> r.clusterName(clusterName)
                            .namespace(serviceAccount.namespace()).serviceAccount(serviceAccount.name())
                            .roleArn(roleArn).targetRoleArn(targetRoleArn).tags(tags)).association();
                } catch (InvalidParameterException e) {
                    throw propagationOr(e);
                }
            }));
        } catch (ResourceInUseException e) {
            String message = e.awsErrorDetails().errorMessage();
            Matcher m = ASSOCIATION_ID.matcher(message == null ? "" : message);
            throw new AssociationExistsException(m.find() ? m.group() : null, message);
        } catch (ResourceLimitExceededException e) {
            throw quotaReached(e);
        }
    }

    /** EKS's answer when the cluster holds as many associations as its quota allows. */
    private static AssociationQuotaReachedException quotaReached(ResourceLimitExceededException e) {
        return new AssociationQuotaReachedException(e.awsErrorDetails().errorMessage());
    }

    @Override
    public void deleteAssociation(String associationId) {
        try {
            backoff.run(() -> writes.deletePodIdentityAssociation(r -> r.clusterName(clusterName).associationId(associationId)));
        } catch (ResourceNotFoundException e) {
            // already gone
        }
    }

    @Override
    public List<String> associationIds(String namespace, String serviceAccount) {
        return backoff.call(() -> eks.listPodIdentityAssociationsPaginator(r -> r.clusterName(clusterName)
                        .namespace(namespace).serviceAccount(serviceAccount)).associations().stream()
                .map(PodIdentityAssociationSummary::associationId).toList());
    }

    @Override
    public AssociationInfo updateAssociationRole(String associationId, String roleArn) {
        return toInfo(backoff.callWaitingForPropagation(() -> {
            try {
                return writes.updatePodIdentityAssociation(r -> r.clusterName(clusterName).associationId(associationId)
                        .roleArn(roleArn)).association();
            } catch (InvalidParameterException e) {
                throw propagationOr(e);
            }
        }));
    }

    @Override
    public List<AddonServiceAccountPolicies> addonPodIdentityConfiguration(String addonName, String addonVersion) {
        try {
            return backoff.call(() -> eks.describeAddonConfiguration(r -> r.addonName(addonName).addonVersion(addonVersion))
                    .podIdentityConfiguration().stream()
                    .map(p -> new AddonServiceAccountPolicies(p.serviceAccount(), p.recommendedManagedPolicies()))
                    .toList());
        } catch (ResourceNotFoundException | InvalidParameterException e) {
            return List.of();
        }
    }

    /** EKS's answers while IAM has not propagated a role or its new trust policy yet. */
    private static RuntimeException propagationOr(InvalidParameterException e) {
        String message = e.awsErrorDetails().errorMessage();
        if (message != null && (message.contains("Role provided in the request does not exist")
                || message.contains("Trust policy of the role provided is invalid"))) {
            return new RoleNotYetUsableException(message);
        }
        return e;
    }

    private AssociationInfo toInfo(PodIdentityAssociation a) {
        return new AssociationInfo(a.associationId(), a.associationArn(),
                new ServiceAccountRef(a.namespace(), a.serviceAccount()), a.roleArn(), a.targetRoleArn(), a.ownerArn(),
                a.tags() == null ? Map.of() : Map.copyOf(a.tags()), a.createdAt());
    }
}
