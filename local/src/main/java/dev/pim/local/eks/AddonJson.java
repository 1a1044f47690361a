package dev.pim.local.eks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.state.AddonCatalog.AddonInfo;
import dev.pim.local.state.AddonCatalog.AddonVersion;
import dev.pim.local.state.AddonState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.ClusterState.EksUpdate;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The {@code Addon}, {@code Update} and {@code AddonInfo} shapes. */
final class AddonJson {
    private static final Set<String> UNHEALTHY = Set.of("CREATE_FAILED", "UPDATE_FAILED", "DEGRADED");

    private AddonJson() {
    }

    /** An add-on; {@code podIdentityAssociations} is the list of its associations' ARNs, as in EKS. */
    static ObjectNode addon(ClusterState cluster, AddonState addon) {
        ObjectNode node = EksJson.object().put("addonName", addon.name).put("clusterName", cluster.name)
                .put("status", addon.status).put("addonVersion", addon.version);
        node.set("health", health(addon));
        node.put("addonArn", addon.arn);
        EksJson.putTimestamp(node, "createdAt", addon.createdAt);
        EksJson.putTimestamp(node, "modifiedAt", addon.modifiedAt);
        EksJson.putIfPresent(node, "serviceAccountRoleArn", addon.serviceAccountRoleArn);
        node.set("tags", EksJson.stringMap(addon.tags));
        EksJson.putIfPresent(node, "configurationValues", addon.configurationValues);
        List<String> arns = addon.associationIds.stream().map(cluster.associations::get).filter(Objects::nonNull)
                .map(a -> a.arn).toList();
        if (!arns.isEmpty()) {
            node.set("podIdentityAssociations", EksJson.strings(arns));
        }
        return node;
    }

    private static ObjectNode health(AddonState addon) {
        ObjectNode health = EksJson.healthy();
        if (UNHEALTHY.contains(addon.status)) {
            ObjectNode issue = ((ArrayNode) health.get("issues")).addObject()
                    .put("code", "InsufficientNumberOfReplicas")
                    .put("message", "The add-on is unhealthy because it doesn't have the desired number of replicas.");
            issue.putArray("resourceIds");
        }
        return health;
    }

    static ObjectNode update(EksUpdate update) {
        ObjectNode node = EksJson.object().put("id", update.id()).put("status", update.status())
                .put("type", update.type());
        ArrayNode params = node.putArray("params");
        update.params().forEach((type, value) -> params.addObject().put("type", type).put("value", value));
        EksJson.putTimestamp(node, "createdAt", update.createdAt());
        ArrayNode errors = node.putArray("errors");
        if (update.status().equals("Failed")) {
            ObjectNode error = errors.addObject().put("errorCode", "InsufficientNumberOfReplicas")
                    .put("errorMessage", "The add-on " + update.addonName() + " did not become ACTIVE");
            error.putArray("resourceIds");
        }
        return node;
    }

    /** One add-on of DescribeAddonVersions, with the versions that passed the caller's filter. */
    static ObjectNode addonInfo(AddonInfo info, List<AddonVersion> versions, String kubernetesVersion) {
        ObjectNode node = EksJson.object().put("addonName", info.name()).put("type", info.type());
        ArrayNode list = node.putArray("addonVersions");
        for (AddonVersion version : versions) {
            ObjectNode v = list.addObject().put("addonVersion", version.version());
            v.set("architecture", EksJson.strings(version.architectures()));
            v.set("computeTypes", EksJson.strings(List.of("ec2", "auto")));
            ArrayNode compatibilities = v.putArray("compatibilities");
            for (String clusterVersion : AddonVersions.clusterVersions(version, kubernetesVersion)) {
                ObjectNode c = compatibilities.addObject().put("clusterVersion", clusterVersion);
                c.set("platformVersions", EksJson.strings(List.of("*")));
                c.put("defaultVersion", version.defaultVersion());
            }
            v.put("requiresConfiguration", false).put("requiresIamPermissions", version.requiresIamPermissions());
        }
        node.put("publisher", info.publisher()).put("owner", info.owner());
        node.put("defaultNamespace", info.defaultNamespace() == null ? "kube-system" : info.defaultNamespace());
        return node;
    }
}
