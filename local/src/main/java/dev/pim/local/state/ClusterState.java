package dev.pim.local.state;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** One EKS cluster: its EKS-side resources and its Kubernetes API contents. */
public final class ClusterState {
    public final String accountId;
    public final String region;
    public final String name;
    public final Instant createdAt;
    public String version = "1.31";
    public String platformVersion = "eks.1";
    public String status = "ACTIVE";
    /** Issuer URL with {@code https://}, as DescribeCluster returns it. */
    public String oidcIssuer;
    public String authenticationMode = "API_AND_CONFIG_MAP";
    public boolean autoMode;
    public String roleArn;
    public final Map<String, String> tags = new TreeMap<>();
    public final Map<String, NodegroupState> nodegroups = new LinkedHashMap<>();
    public final Map<String, FargateProfileState> fargateProfiles = new LinkedHashMap<>();
    public final Map<String, AddonState> addons = new LinkedHashMap<>();
    /** Keyed by association id, in creation order. */
    public final Map<String, AssociationState> associations = new LinkedHashMap<>();
    /** Keyed by principal ARN. */
    public final Map<String, AccessEntryState> accessEntries = new LinkedHashMap<>();
    /** What happens to add-ons created on this cluster, by add-on name: ACTIVE unless the fixture says otherwise. */
    public final Map<String, String> addonOutcomes = new TreeMap<>();
    public final KubernetesState kubernetes = new KubernetesState();
    public final Map<String, EksUpdate> updates = new LinkedHashMap<>();
    /** The key the API server signs service-account tokens with (TokenRequest), checked by EKS Auth. */
    public final String serviceAccountTokenKey = Ids.secret();

    public ClusterState(String accountId, String region, String name, Instant createdAt) {
        this.accountId = accountId;
        this.region = region;
        this.name = name;
        this.createdAt = createdAt;
    }

    public String arn() {
        return "arn:aws:eks:" + region + ":" + accountId + ":cluster/" + name;
    }

    /** Host and path of the issuer, which is also the IAM OIDC provider URL and the trust-condition key prefix. */
    public String oidcProviderUrl() {
        return oidcIssuer == null ? null : oidcIssuer.replaceFirst("^https://", "");
    }

    /** An update record, as UpdateAddon and DescribeUpdate return. */
    public record EksUpdate(String id, String status, String type, Map<String, String> params, Instant createdAt,
                            String addonName) {
    }
}
