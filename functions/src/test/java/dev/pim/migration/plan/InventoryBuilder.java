package dev.pim.migration.plan;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.FargateSelector;
import dev.pim.migration.inventory.NodeInfo;
import dev.pim.migration.inventory.PodInfo;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.inventory.WorkloadInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds small inventories for classification and planning tests. */
final class InventoryBuilder {
    static final String ACCOUNT = "111122223333";
    static final String URL = "oidc.eks.us-west-2.amazonaws.com/id/AAAA";
    static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + URL;
    static final String OTHER_URL = "oidc.eks.us-west-2.amazonaws.com/id/BBBB";

    private final List<ServiceAccountInfo> serviceAccounts = new ArrayList<>();
    private final List<WorkloadInfo> workloads = new ArrayList<>();
    private final List<PodInfo> pods = new ArrayList<>();
    private final List<FargateSelector> fargate = new ArrayList<>();
    private final List<AddonInfo> addons = new ArrayList<>();
    private final List<AssociationInfo> associations = new ArrayList<>();
    private final Map<String, RoleInfo> roles = new LinkedHashMap<>();
    private final Set<String> missing = new TreeSet<>();
    private int quota = 2048;
    private final Set<String> audiences = new TreeSet<>(Set.of("sts.amazonaws.com"));

    static String arn(String role) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + role;
    }

    static String irsaTrust(String url, String... subjects) {
        StringBuilder subs = new StringBuilder();
        for (String s : subjects) {
            subs.append(subs.length() == 0 ? "" : ",").append('"').append(s).append('"');
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + url + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"" + url + ":sub\":[" + subs + "],\"" + url + ":aud\":\"sts.amazonaws.com\"}}}]}";
    }

    InventoryBuilder serviceAccount(String ns, String name, String roleArnAnnotation) {
        Map<String, String> annotations = roleArnAnnotation == null ? Map.of()
                : Map.of(ServiceAccountInfo.ROLE_ARN_ANNOTATION, roleArnAnnotation);
        serviceAccounts.add(new ServiceAccountInfo(new ServiceAccountRef(ns, name), annotations, "1"));
        return this;
    }

    /** A service account annotated with the role and with more webhook annotations. */
    InventoryBuilder serviceAccount(String ns, String name, String roleArnAnnotation, Map<String, String> more) {
        Map<String, String> annotations = new LinkedHashMap<>(more);
        annotations.put(ServiceAccountInfo.ROLE_ARN_ANNOTATION, roleArnAnnotation);
        serviceAccounts.add(new ServiceAccountInfo(new ServiceAccountRef(ns, name), annotations, "1"));
        return this;
    }

    /** An audience the cluster's IAM OIDC provider lists besides sts.amazonaws.com. */
    InventoryBuilder audience(String audience) {
        audiences.add(audience);
        return this;
    }

    /** @param containers each container's name and the variables its spec sets */
    InventoryBuilder workload(String ns, String name, String sa, Map<String, String> podAnnotations,
                              Map<String, Set<String>> containers) {
        List<WorkloadInfo.TemplateContainer> template = new ArrayList<>();
        containers.forEach((c, env) -> template.add(new WorkloadInfo.TemplateContainer(c, env)));
        workloads.add(new WorkloadInfo(new WorkloadRef("Deployment", ns, name), sa, 1, Map.of(), Map.of("app", name), null,
                podAnnotations, template));
        return this;
    }

    InventoryBuilder role(String name, String trust) {
        roles.put(arn(name), new RoleInfo(arn(name), name, "/", trust, Map.of()));
        return this;
    }

    InventoryBuilder role(String name, String trust, Map<String, String> tags) {
        roles.put(arn(name), new RoleInfo(arn(name), name, "/", trust, tags));
        return this;
    }

    InventoryBuilder missingRole(String name) {
        missing.add(arn(name));
        return this;
    }

    InventoryBuilder workload(String kind, String ns, String name, String sa, Map<String, String> nodeSelector) {
        workloads.add(new WorkloadInfo(new WorkloadRef(kind, ns, name), sa, 1, nodeSelector, Map.of("app", name), null));
        return this;
    }

    InventoryBuilder fargateNamespace(String ns) {
        fargate.add(new FargateSelector("fp", ns, Map.of()));
        return this;
    }

    InventoryBuilder addon(String name, String version, String roleArn, List<String> podIdentitySas) {
        addons.add(new AddonInfo(name, version, "ACTIVE", roleArn, List.of(), podIdentitySas));
        return this;
    }

    InventoryBuilder association(String ns, String sa, String roleArn) {
        associations.add(new AssociationInfo("a-" + sa.replace("-", "").substring(0, Math.min(8, sa.replace("-", "").length())),
                "arn:assoc", new ServiceAccountRef(ns, sa), roleArn, null, null, Map.of()));
        return this;
    }

    InventoryBuilder quota(int quota) {
        this.quota = quota;
        return this;
    }

    ClusterInventory build() {
        ClusterInfo cluster = new ClusterInfo(new ClusterRef(ACCOUNT, "us-west-2", "demo"),
                "arn:aws:eks:us-west-2:" + ACCOUNT + ":cluster/demo", "1.31", "eks.1", "ACTIVE", "https://" + URL,
                "API", false, "https://k8s", null);
        return new ClusterInventory(cluster, serviceAccounts, workloads, pods, List.<NodeInfo>of(), fargate, addons,
                associations, roles, missing, quota, true, Set.copyOf(audiences));
    }
}
