package dev.pim.local.eks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.FargateProfileState;
import dev.pim.local.state.NodegroupState;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code Cluster}, {@code Nodegroup} and {@code FargateProfile} shapes. Whatever the state does not hold
 * (VPC, subnets, instance types) is derived from the resource's name, so repeated calls agree.
 */
final class ClusterJson {
    /**
     * A real self-signed certificate (CN=kubernetes): clients that load {@code certificateAuthority.data}
     * into a trust store must find a parseable PEM even though the emulated API is plain HTTP.
     */
    private static final String CLUSTER_CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBgTCCASegAwIBAgIUb9aBksouTNFJSbxhT55zpLDGL+swCgYIKoZIzj0EAwIw
            FTETMBEGA1UEAwwKa3ViZXJuZXRlczAgFw0yNjExMjIyMjE2NDdaGA8yMTI2MTAy
            OTIyMTY0N1owFTETMBEGA1UEAwwKa3ViZXJuZXRlczBZMBMGByqGSM49AgEGCCqG
            SM49AwEHA0IABAM6eJxfE3eX95/huvF/jiX/inAbSZ4nQcr+2KCkVUmQ/fcOhGJN
            E17nAmxdI/Y8xGvuiBOBVK2c2QMDpjkGCXajUzBRMB0GA1UdDgQWBBQIfIPnVDV3
            zVCtcn/Q4+5cIc/2bTAfBgNVHSMEGDAWgBQIfIPnVDV3zVCtcn/Q4+5cIc/2bTAP
            BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQCGT3oiNl9jthlz4bMN
            XTeTtAAaWMnTGgs6X5/MVZGwQwIgCtzybgqt5Ek1OGT4N2m385LACYGbmj8Sjtrz
            9WGMCBk=
            -----END CERTIFICATE-----
            """;
    private static final String CLUSTER_CA_DATA = Base64.getEncoder()
            .encodeToString(CLUSTER_CA_PEM.getBytes(StandardCharsets.US_ASCII));
    private static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager",
            "scheduler");

    private ClusterJson() {
    }

    static ObjectNode cluster(ClusterState cluster, String endpoint) {
        ObjectNode node = EksJson.object().put("name", cluster.name).put("arn", cluster.arn());
        EksJson.putTimestamp(node, "createdAt", cluster.createdAt);
        node.put("version", cluster.version).put("endpoint", endpoint);
        EksJson.putIfPresent(node, "roleArn", cluster.roleArn);
        node.set("resourcesVpcConfig", vpcConfig(cluster));
        ObjectNode network = node.putObject("kubernetesNetworkConfig")
                .put("serviceIpv4Cidr", "10.100.0.0/16").put("ipFamily", "ipv4");
        network.putObject("elasticLoadBalancing").put("enabled", cluster.autoMode);
        ObjectNode logSetup = node.putObject("logging").putArray("clusterLogging").addObject();
        logSetup.set("types", EksJson.strings(LOG_TYPES));
        logSetup.put("enabled", false);
        if (cluster.oidcIssuer != null) {
            node.putObject("identity").putObject("oidc").put("issuer", cluster.oidcIssuer);
        }
        node.put("status", cluster.status);
        node.putObject("certificateAuthority").put("data", CLUSTER_CA_DATA);
        node.put("platformVersion", cluster.platformVersion);
        node.set("tags", EksJson.stringMap(cluster.tags));
        node.set("health", EksJson.healthy());
        node.putObject("accessConfig").put("bootstrapClusterCreatorAdminPermissions", true)
                .put("authenticationMode", cluster.authenticationMode);
        node.putObject("upgradePolicy").put("supportType", "STANDARD");
        if (cluster.autoMode) {
            ObjectNode compute = node.putObject("computeConfig").put("enabled", true);
            compute.set("nodePools", EksJson.strings(List.of("general-purpose", "system")));
            compute.put("nodeRoleArn", "arn:aws:iam::" + cluster.accountId + ":role/eks-auto-node-role");
        }
        return node;
    }

    private static ObjectNode vpcConfig(ClusterState cluster) {
        ObjectNode vpc = EksJson.object();
        vpc.set("subnetIds", EksJson.strings(subnets(cluster)));
        vpc.putArray("securityGroupIds");
        vpc.put("clusterSecurityGroupId", "sg-" + hexId(cluster.arn() + "/sg"))
                .put("vpcId", "vpc-" + hexId(cluster.arn() + "/vpc"))
                .put("endpointPublicAccess", true)
                .put("endpointPrivateAccess", true);
        vpc.set("publicAccessCidrs", EksJson.strings(List.of("0.0.0.0/0")));
        return vpc;
    }

    static ObjectNode nodegroup(ClusterState cluster, NodegroupState group) {
        String arn = "arn:aws:eks:" + cluster.region + ":" + cluster.accountId + ":nodegroup/" + cluster.name + "/"
                + group.name() + "/" + uuid(cluster.arn() + "/nodegroup/" + group.name());
        ObjectNode node = EksJson.object().put("nodegroupName", group.name()).put("nodegroupArn", arn)
                .put("clusterName", cluster.name).put("version", cluster.version)
                .put("releaseVersion", cluster.version + ".0-20250101");
        EksJson.putTimestamp(node, "createdAt", group.createdAt());
        EksJson.putTimestamp(node, "modifiedAt", group.createdAt());
        node.put("status", "ACTIVE").put("capacityType", group.capacityType());
        node.putObject("scalingConfig").put("minSize", group.nodes()).put("maxSize", Math.max(1, group.nodes()))
                .put("desiredSize", group.nodes());
        node.set("instanceTypes", EksJson.strings(List.of(group.amiType().contains("ARM") ? "m7g.large" : "m5.large")));
        node.set("subnets", EksJson.strings(subnets(cluster)));
        node.put("amiType", group.amiType()).put("nodeRole", group.nodeRole());
        node.set("labels", EksJson.stringMap(group.labels()));
        node.putArray("taints");
        ArrayNode groups = node.putObject("resources").putArray("autoScalingGroups");
        groups.addObject().put("name", "eks-" + group.name() + "-" + uuid(arn));
        node.put("diskSize", 20);
        node.set("health", EksJson.healthy());
        node.putObject("updateConfig").put("maxUnavailable", 1);
        node.putObject("tags");
        return node;
    }

    static ObjectNode fargateProfile(ClusterState cluster, FargateProfileState profile) {
        String arn = "arn:aws:eks:" + cluster.region + ":" + cluster.accountId + ":fargateprofile/" + cluster.name
                + "/" + profile.name() + "/" + uuid(cluster.arn() + "/fargate/" + profile.name());
        ObjectNode node = EksJson.object().put("fargateProfileName", profile.name()).put("fargateProfileArn", arn)
                .put("clusterName", cluster.name);
        EksJson.putTimestamp(node, "createdAt", profile.createdAt());
        node.put("podExecutionRoleArn", profile.podExecutionRoleArn());
        node.set("subnets", EksJson.strings(subnets(cluster).subList(0, 2)));
        ArrayNode selectors = node.putArray("selectors");
        for (FargateProfileState.Selector selector : profile.selectors()) {
            ObjectNode s = selectors.addObject().put("namespace", selector.namespace());
            s.set("labels", EksJson.stringMap(selector.labels() == null ? Map.of() : selector.labels()));
        }
        node.put("status", "ACTIVE");
        node.putObject("tags");
        node.set("health", EksJson.healthy());
        return node;
    }

    private static List<String> subnets(ClusterState cluster) {
        return List.of("a", "b", "c").stream().map(zone -> "subnet-" + hexId(cluster.arn() + "/subnet/" + zone))
                .toList();
    }

    /** A stable name-derived UUID, as EKS puts at the end of node group, add-on and access entry ARNs. */
    static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Seventeen hex digits, the length of EC2 resource ids. */
    private static String hexId(String seed) {
        return uuid(seed).replace("-", "").substring(0, 17);
    }
}
