package dev.pim.local.eks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.state.AddonState;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;

import java.util.List;

/**
 * EKS Pod Identity associations made directly (the add-on API makes them too, see {@link AddonAssociations}).
 * Associations need neither the namespace nor the service account to exist, as in EKS.
 */
final class PodIdentityOperations {

    ObjectNode create(EksCall call) {
        ClusterState cluster = call.writableCluster();
        String namespace = call.requiredString("namespace");
        String serviceAccount = call.requiredString("serviceAccount");
        String roleArn = call.requiredString("roleArn");
        Boolean disableSessionTags = call.optionalBoolean("disableSessionTags");
        String targetRoleArn = emptyToNull(call.optionalString("targetRoleArn"));
        String policy = call.optionalString("policy");
        var tags = call.tags();
        requirePolicyWithoutSessionTags(policy, disableSessionTags);
        Associations.requireNone(cluster, namespace, serviceAccount);
        Associations.requireRoom(call, cluster, 1);
        PodIdentityRoles.check(call, cluster, roleArn, namespace, serviceAccount);
        if (targetRoleArn != null) {
            PodIdentityRoles.requireRoleArn("targetRoleArn", targetRoleArn);
        }
        AssociationState association = Associations.create(cluster, namespace, serviceAccount, roleArn, call.now());
        association.disableSessionTags = disableSessionTags;
        association.policy = policy;
        association.tags.putAll(tags);
        setTargetRole(cluster, association, targetRoleArn);
        return wrap(association);
    }

    ObjectNode describe(EksCall call) {
        ClusterState cluster = call.cluster();
        return wrap(Associations.get(cluster, call.label("associationId")));
    }

    ObjectNode list(EksCall call) {
        ClusterState cluster = call.cluster();
        String namespace = call.query("namespace");
        String serviceAccount = call.query("serviceAccount");
        List<AssociationState> matching = cluster.associations.values().stream()
                .filter(a -> namespace == null || a.namespace.equals(namespace))
                .filter(a -> serviceAccount == null || a.serviceAccount.equals(serviceAccount))
                .toList();
        Page<AssociationState> page = call.page(matching);
        ObjectNode response = EksJson.object();
        ArrayNode summaries = response.putArray("associations");
        page.items().forEach(a -> summaries.add(IdentityJson.summary(a)));
        page.putNextToken(response);
        return response;
    }

    /**
     * Changes the role, target role, session tags or session policy; the namespace and service account cannot
     * change. An empty {@code targetRoleArn} removes the target role (what the ACK controller sends to clear it).
     */
    ObjectNode update(EksCall call) {
        ClusterState cluster = call.writableCluster();
        AssociationState association = Associations.get(cluster, call.label("associationId"));
        if (!call.has("roleArn") && !call.has("targetRoleArn") && !call.has("disableSessionTags")
                && !call.has("policy")) {
            throw EksErrors.invalidParameter("You must change at least one of roleArn, targetRoleArn,"
                    + " disableSessionTags or policy").with("clusterName", cluster.name);
        }
        String roleArn = call.optionalString("roleArn");
        Boolean disableSessionTags = call.has("disableSessionTags") ? call.optionalBoolean("disableSessionTags")
                : association.disableSessionTags;
        String policy = call.has("policy") ? emptyToNull(call.optionalString("policy")) : association.policy;
        requirePolicyWithoutSessionTags(policy, disableSessionTags);
        if (roleArn != null) {
            PodIdentityRoles.check(call, cluster, roleArn, association.namespace, association.serviceAccount);
        }
        String targetRoleArn = call.has("targetRoleArn") ? emptyToNull(call.optionalString("targetRoleArn"))
                : association.targetRoleArn;
        if (targetRoleArn != null) {
            PodIdentityRoles.requireRoleArn("targetRoleArn", targetRoleArn);
        }
        if (roleArn != null) {
            association.roleArn = roleArn;
        }
        association.disableSessionTags = disableSessionTags;
        association.policy = policy;
        setTargetRole(cluster, association, targetRoleArn);
        association.modifiedAt = call.now();
        return wrap(association);
    }

    /** Deletes an association, including one an add-on owns (EKS allows it; the add-on then lists it no more). */
    ObjectNode delete(EksCall call) {
        ClusterState cluster = call.writableCluster();
        AssociationState association = Associations.get(cluster, call.label("associationId"));
        cluster.associations.remove(association.id);
        for (AddonState addon : cluster.addons.values()) {
            addon.associationIds.remove(association.id);
        }
        return wrap(association);
    }

    private static void setTargetRole(ClusterState cluster, AssociationState association, String targetRoleArn) {
        association.targetRoleArn = targetRoleArn;
        association.externalId = targetRoleArn == null ? null : Associations.externalId(cluster, association);
    }

    /** A session policy only applies without session tags (they would not both fit the packed policy size). */
    private static void requirePolicyWithoutSessionTags(String policy, Boolean disableSessionTags) {
        if (policy != null && !Boolean.TRUE.equals(disableSessionTags)) {
            throw EksErrors.invalidParameter("policy can only be set when disableSessionTags is true");
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static ObjectNode wrap(AssociationState association) {
        ObjectNode response = EksJson.object();
        response.set("association", IdentityJson.association(association));
        return response;
    }
}
