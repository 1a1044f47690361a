package dev.pim.local.eks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.state.AccessEntryState;
import dev.pim.local.state.AccessEntryState.AssociatedPolicy;
import dev.pim.local.state.ClusterState;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EKS access entries and the access policies associated with them: what the emulated Kubernetes API
 * authorises AWS identities by. The principal ARN is a path label, percent-encoded by clients.
 */
final class AccessEntryOperations {
    private static final String ENTRY_IN_USE = "The specified access entry resource is already in use on this cluster.";
    private static final String ENTRY_NOT_FOUND = "The specified principalArn could not be found. You can view your"
            + " available access entries with 'list-access-entries'.";
    private static final Set<String> TYPES = Set.of("STANDARD", "FARGATE_LINUX", "EC2_LINUX", "EC2_WINDOWS", "EC2",
            "HYBRID_LINUX", "HYPERPOD_LINUX");
    private static final Set<String> API_MODES = Set.of("API", "API_AND_CONFIG_MAP");
    /** Access entries name IAM roles and users; an {@code sts} assumed-role session ARN is a classic mistake. */
    private static final Pattern PRINCIPAL = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):(role|user)/.+");

    ObjectNode create(EksCall call) {
        ClusterState cluster = apiAuthenticated(call.writableCluster());
        String principalArn = call.requiredString("principalArn");
        if (!PRINCIPAL.matcher(principalArn).matches()) {
            throw EksErrors.invalidParameter("The specified principalArn is invalid: " + principalArn
                    + " is not the ARN of an IAM role or user").with("clusterName", cluster.name);
        }
        String type = call.optionalString("type") == null ? "STANDARD" : call.optionalString("type");
        if (!TYPES.contains(type)) {
            throw EksErrors.invalidParameter("The type " + type + " is invalid; valid types are " + TYPES)
                    .with("clusterName", cluster.name);
        }
        List<String> groups = call.stringList("kubernetesGroups");
        for (String group : groups) {
            if (group.startsWith("system:")) {
                throw EksErrors.invalidParameter("The kubernetes group name " + group + " is invalid, it cannot start"
                        + " with system:").with("clusterName", cluster.name);
            }
        }
        var tags = call.tags();
        if (cluster.accessEntries.containsKey(principalArn)) {
            throw EksErrors.inUse(ENTRY_IN_USE).with("clusterName", cluster.name);
        }
        String username = call.optionalString("username");
        AccessEntryState entry = new AccessEntryState(principalArn, type,
                username != null ? username : defaultUsername(principalArn, type), groups, call.now());
        entry.tags.putAll(tags);
        cluster.accessEntries.put(principalArn, entry);
        return wrap(cluster, entry);
    }

    ObjectNode describe(EksCall call) {
        ClusterState cluster = call.cluster();
        return wrap(cluster, entry(cluster, call.label("principalArn")));
    }

    ObjectNode list(EksCall call) {
        ClusterState cluster = apiAuthenticated(call.cluster());
        String policyArn = call.query("associatedPolicyArn");
        List<String> principals = cluster.accessEntries.values().stream()
                .filter(e -> policyArn == null || e.policies.containsKey(policyArn))
                .map(e -> e.principalArn)
                .toList();
        Page<String> page = call.page(principals);
        ObjectNode response = EksJson.object();
        response.set("accessEntries", EksJson.strings(page.items()));
        page.putNextToken(response);
        return response;
    }

    /** Answers an empty object, as DeleteAccessEntry's output has no members. */
    ObjectNode delete(EksCall call) {
        ClusterState cluster = call.writableCluster();
        AccessEntryState entry = entry(cluster, call.label("principalArn"));
        cluster.accessEntries.remove(entry.principalArn);
        return EksJson.object();
    }

    /** Associates a policy, or replaces the scope of one already associated (keeping its associatedAt). */
    ObjectNode associatePolicy(EksCall call) {
        ClusterState cluster = call.writableCluster();
        AccessEntryState entry = entry(cluster, call.label("principalArn"));
        if (!entry.type.equals("STANDARD")) {
            throw EksErrors.invalidParameter("This operation can only be performed on Access Entries with a type of"
                    + " \"STANDARD\".").with("clusterName", cluster.name);
        }
        String policyArn = call.requiredString("policyArn");
        AccessPolicies.require(policyArn);
        AssociatedPolicy previous = entry.policies.get(policyArn);
        AssociatedPolicy policy = scope(call, policyArn, previous == null ? call.now() : previous.associatedAt());
        entry.policies.put(policyArn, policy);
        entry.modifiedAt = call.now();
        ObjectNode response = EksJson.object().put("clusterName", cluster.name).put("principalArn", entry.principalArn);
        response.set("associatedAccessPolicy", IdentityJson.associatedPolicy(policy));
        return response;
    }

    ObjectNode listAssociatedPolicies(EksCall call) {
        ClusterState cluster = call.cluster();
        AccessEntryState entry = entry(cluster, call.label("principalArn"));
        Page<AssociatedPolicy> page = call.page(List.copyOf(entry.policies.values()));
        ObjectNode response = EksJson.object().put("clusterName", cluster.name).put("principalArn", entry.principalArn);
        ArrayNode policies = response.putArray("associatedAccessPolicies");
        page.items().forEach(p -> policies.add(IdentityJson.associatedPolicy(p)));
        page.putNextToken(response);
        return response;
    }

    ObjectNode disassociatePolicy(EksCall call) {
        ClusterState cluster = call.writableCluster();
        AccessEntryState entry = entry(cluster, call.label("principalArn"));
        String policyArn = call.label("policyArn");
        if (entry.policies.remove(policyArn) == null) {
            throw EksErrors.notFound("The specified policyArn " + policyArn + " is not associated with principalArn "
                    + entry.principalArn).with("clusterName", cluster.name);
        }
        entry.modifiedAt = call.now();
        return EksJson.object();
    }

    ObjectNode listAccessPolicies(EksCall call) {
        Page<String> page = call.page(AccessPolicies.ARNS);
        ObjectNode response = EksJson.object();
        ArrayNode policies = response.putArray("accessPolicies");
        page.items().forEach(arn -> policies.addObject().put("name", AccessPolicies.name(arn)).put("arn", arn));
        page.putNextToken(response);
        return response;
    }

    private static AssociatedPolicy scope(EksCall call, String policyArn, java.time.Instant associatedAt) {
        JsonNode scope = call.body().get("accessScope");
        if (scope == null || !scope.isObject()) {
            throw EksErrors.missing("accessScope");
        }
        String type = scope.path("type").asText("");
        List<String> namespaces = new ArrayList<>();
        scope.path("namespaces").forEach(n -> namespaces.add(n.asText()));
        if (type.equals("cluster") && !namespaces.isEmpty()) {
            throw EksErrors.invalidParameter("accessScope namespaces must be empty when the accessScope type is"
                    + " cluster");
        }
        if (type.equals("namespace") && namespaces.isEmpty()) {
            throw EksErrors.invalidParameter("accessScope namespaces must name at least one namespace when the"
                    + " accessScope type is namespace");
        }
        if (!type.equals("cluster") && !type.equals("namespace")) {
            throw EksErrors.invalidParameter("accessScope type must be cluster or namespace, got '" + type + "'");
        }
        return new AssociatedPolicy(policyArn, type, List.copyOf(namespaces), associatedAt, call.now());
    }

    private static AccessEntryState entry(ClusterState cluster, String principalArn) {
        AccessEntryState entry = cluster.accessEntries.get(principalArn);
        if (entry == null) {
            throw EksErrors.notFound(ENTRY_NOT_FOUND).with("clusterName", cluster.name);
        }
        return entry;
    }

    /** Access entries exist only on clusters whose authentication mode includes the EKS API. */
    private static ClusterState apiAuthenticated(ClusterState cluster) {
        if (!API_MODES.contains(cluster.authenticationMode)) {
            throw EksErrors.invalidRequest("The cluster's authentication mode must be set to one of"
                    + " [API, API_AND_CONFIG_MAP] to perform this operation.").with("clusterName", cluster.name);
        }
        return cluster;
    }

    /** For a role, the session it will be seen as in Kubernetes; for a user, its ARN. */
    private static String defaultUsername(String principalArn, String type) {
        if (!type.equals("STANDARD")) {
            return type.startsWith("FARGATE") ? "system:node:{{SessionName}}" : "system:node:{{EC2PrivateDNSName}}";
        }
        if (principalArn.contains(":role/")) {
            String account = principalArn.split(":")[4];
            String name = principalArn.substring(principalArn.lastIndexOf('/') + 1);
            return "arn:aws:sts::" + account + ":assumed-role/" + name + "/{{SessionName}}";
        }
        return principalArn;
    }

    private static ObjectNode wrap(ClusterState cluster, AccessEntryState entry) {
        ObjectNode response = EksJson.object();
        response.set("accessEntry", IdentityJson.accessEntry(cluster, entry));
        return response;
    }
}
