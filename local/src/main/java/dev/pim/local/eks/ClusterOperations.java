package dev.pim.local.eks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.state.AccountState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.FargateProfileState;
import dev.pim.local.state.NodegroupState;
import dev.pim.local.state.RegionState;

import java.util.ArrayList;
import java.util.List;

/**
 * Clusters, managed node groups and Fargate profiles: read-only, as the fixture declared them (the migrator
 * never creates or changes them).
 */
final class ClusterOperations {

    /** Clusters of the caller's account in the signing region; {@code include=all} adds nothing (no connectors). */
    ObjectNode listClusters(EksCall call) {
        List<String> names = new ArrayList<>();
        AccountState account = call.state.accounts.get(call.caller.accountId());
        RegionState region = account == null ? null : account.regions.get(call.caller.region());
        if (region != null) {
            names.addAll(region.clusters.keySet());
        }
        for (String include : call.queryList("include")) {
            if (!include.equals("all")) {
                throw EksErrors.invalidParameter("include may only be 'all', got " + include);
            }
        }
        Page<String> page = call.page(names);
        ObjectNode response = EksJson.object();
        response.set("clusters", EksJson.strings(page.items()));
        page.putNextToken(response);
        return response;
    }

    ObjectNode describeCluster(EksCall call) {
        ClusterState cluster = call.cluster();
        ObjectNode response = EksJson.object();
        response.set("cluster", ClusterJson.cluster(cluster, call.state.kubernetesEndpoint(cluster)));
        return response;
    }

    ObjectNode listNodegroups(EksCall call) {
        Page<String> page = call.page(List.copyOf(call.cluster().nodegroups.keySet()));
        ObjectNode response = EksJson.object();
        response.set("nodegroups", EksJson.strings(page.items()));
        page.putNextToken(response);
        return response;
    }

    ObjectNode describeNodegroup(EksCall call) {
        ClusterState cluster = call.cluster();
        String name = call.label("nodegroupName");
        NodegroupState group = cluster.nodegroups.get(name);
        if (group == null) {
            throw EksErrors.notFound("No node group found for name: " + name + ".")
                    .with("clusterName", cluster.name).with("nodegroupName", name);
        }
        ObjectNode response = EksJson.object();
        response.set("nodegroup", ClusterJson.nodegroup(cluster, group));
        return response;
    }

    ObjectNode listFargateProfiles(EksCall call) {
        Page<String> page = call.page(List.copyOf(call.cluster().fargateProfiles.keySet()));
        ObjectNode response = EksJson.object();
        response.set("fargateProfileNames", EksJson.strings(page.items()));
        page.putNextToken(response);
        return response;
    }

    ObjectNode describeFargateProfile(EksCall call) {
        ClusterState cluster = call.cluster();
        String name = call.label("fargateProfileName");
        FargateProfileState profile = cluster.fargateProfiles.get(name);
        if (profile == null) {
            throw EksErrors.notFound("No Fargate Profile found with name: " + name + ".")
                    .with("clusterName", cluster.name).with("fargateProfileName", name);
        }
        ObjectNode response = EksJson.object();
        response.set("fargateProfile", ClusterJson.fargateProfile(cluster, profile));
        return response;
    }
}
