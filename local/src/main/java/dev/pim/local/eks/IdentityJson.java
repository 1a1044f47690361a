package dev.pim.local.eks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.state.AccessEntryState;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;

/** The {@code PodIdentityAssociation}, its summary, {@code AccessEntry} and {@code AssociatedAccessPolicy} shapes. */
final class IdentityJson {

    private IdentityJson() {
    }

    static ObjectNode association(AssociationState a) {
        ObjectNode node = EksJson.object().put("clusterName", a.clusterName).put("namespace", a.namespace)
                .put("serviceAccount", a.serviceAccount).put("roleArn", a.roleArn)
                .put("associationArn", a.arn).put("associationId", a.id);
        node.set("tags", EksJson.stringMap(a.tags));
        EksJson.putTimestamp(node, "createdAt", a.createdAt);
        EksJson.putTimestamp(node, "modifiedAt", a.modifiedAt);
        EksJson.putIfPresent(node, "ownerArn", a.ownerArn);
        node.put("disableSessionTags", Boolean.TRUE.equals(a.disableSessionTags));
        EksJson.putIfPresent(node, "targetRoleArn", a.targetRoleArn);
        EksJson.putIfPresent(node, "externalId", a.externalId);
        EksJson.putIfPresent(node, "policy", a.policy);
        return node;
    }

    /** What ListPodIdentityAssociations returns: no role ARNs, which callers must Describe each association for. */
    static ObjectNode summary(AssociationState a) {
        ObjectNode node = EksJson.object().put("clusterName", a.clusterName).put("namespace", a.namespace)
                .put("serviceAccount", a.serviceAccount).put("associationArn", a.arn).put("associationId", a.id);
        EksJson.putIfPresent(node, "ownerArn", a.ownerArn);
        return node;
    }

    static ObjectNode accessEntry(ClusterState cluster, AccessEntryState entry) {
        ObjectNode node = EksJson.object().put("clusterName", cluster.name).put("principalArn", entry.principalArn);
        node.set("kubernetesGroups", EksJson.strings(entry.kubernetesGroups));
        node.put("accessEntryArn", accessEntryArn(cluster, entry.principalArn));
        EksJson.putTimestamp(node, "createdAt", entry.createdAt);
        EksJson.putTimestamp(node, "modifiedAt", entry.modifiedAt);
        node.set("tags", EksJson.stringMap(entry.tags));
        EksJson.putIfPresent(node, "username", entry.username);
        node.put("type", entry.type);
        return node;
    }

    static ObjectNode associatedPolicy(AccessEntryState.AssociatedPolicy policy) {
        ObjectNode node = EksJson.object().put("policyArn", policy.policyArn());
        ObjectNode scope = node.putObject("accessScope").put("type", policy.scopeType());
        scope.set("namespaces", EksJson.strings(policy.namespaces()));
        EksJson.putTimestamp(node, "associatedAt", policy.associatedAt());
        EksJson.putTimestamp(node, "modifiedAt", policy.modifiedAt());
        return node;
    }

    /**
     * {@code arn:aws:eks:{region}:{account}:access-entry/{cluster}/{role|user}/{account}/{name}/{uuid}}, with the
     * principal's path dropped, as EKS builds it.
     */
    private static String accessEntryArn(ClusterState cluster, String principalArn) {
        String[] parts = principalArn.split(":", 6);
        String account = parts.length > 4 ? parts[4] : cluster.accountId;
        String resource = parts.length > 5 ? parts[5] : principalArn;
        String kind = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        return "arn:aws:eks:" + cluster.region + ":" + cluster.accountId + ":access-entry/" + cluster.name + "/"
                + kind + "/" + account + "/" + name + "/" + ClusterJson.uuid(cluster.arn() + "/" + principalArn);
    }
}
