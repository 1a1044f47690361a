package dev.pim.integration.ledger;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.plan.AddonPlan;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.BindingClass;
import dev.pim.migration.plan.BindingSource;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.RolePlan;
import dev.pim.migration.preflight.AgentState;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.preflight.PreflightCheck;
import dev.pim.migration.verify.BindingVerification;
import dev.pim.migration.verify.VerificationReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans of any size, shaped like a big cluster's: most roles used by one service account, a few shared by
 * hundreds (more than one DynamoDB item holds), add-on bindings, and bindings that are not migrated.
 */
final class SyntheticPlans {
    static final String ACCOUNT = "111122223333";
    static final ClusterRef CLUSTER = new ClusterRef(ACCOUNT, "us-west-2", "big");
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/BIG\"},"
            + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{"
            + "\"oidc.eks.us-west-2.amazonaws.com/id/BIG:sub\":\"system:serviceaccount:%s\"}}}]}";

    private SyntheticPlans() {
    }

    /** Every {@code sharedEvery}-th binding uses one of three shared roles; the rest have a role each. */
    static MigrationPlan plan(int bindingCount, int sharedEvery) {
        List<Binding> bindings = new ArrayList<>();
        for (int i = 0; i < bindingCount; i++) {
            bindings.add(binding(i, i % sharedEvery == 0 ? "shared-" + (i / sharedEvery) % 3 : "app-" + i));
        }
        List<String> roleNames = bindings.stream().map(b -> b.roleArn().substring(b.roleArn().lastIndexOf('/') + 1))
                .distinct().toList();
        List<RolePlan> roles = roleNames.stream().map(name -> role(name, bindings)).toList();
        return new MigrationPlan(cluster(), preflight(), bindings, roles,
                List.of(new AddonPlan("vpc-cni", "v1.19.2-eksbuild.1", "kube-system",
                        Map.of("aws-node", arn("app-0")))),
                "v1.3.4-eksbuild.1", "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/BIG",
                MigrationOptions.builder().approve(true).restartWorkloads(true).restartBudget(2)
                        .removeIrsaAnnotation(true).concurrency(8).crossAccountBridgeRole("bridge").build(),
                List.of("role shared-0 lets in 3 service account(s) that no annotation binds to it"));
    }

    static VerificationReport verification(List<Binding> bindings) {
        return new VerificationReport(bindings.stream()
                .map(b -> new BindingVerification(b.serviceAccount(), b.roleArn(),
                        b.serviceAccount().name().endsWith("7") ? List.of("no association names " + b.roleArn()) : List.of(),
                        List.of("the eks.amazonaws.com/role-arn annotation is still there"), true))
                .toList());
    }

    private static Binding binding(int i, String roleName) {
        ServiceAccountRef sa = new ServiceAccountRef("team-" + i % 40, "service-" + i);
        String role = arn(roleName);
        BindingClass kind = i % 11 == 5 ? BindingClass.CONFLICT : BindingClass.MIGRATABLE;
        String addon = i % 13 == 4 ? "aws-ebs-csi-driver" : null;
        Set<BindingSource> sources = addon != null ? Set.of(BindingSource.ADDON)
                : Set.of(BindingSource.ANNOTATION, BindingSource.TRUST);
        return new Binding(sa, role, sources,
                kind, kind == BindingClass.CONFLICT ? "an association exists with another role" : "annotated service account",
                i % 17 == 0 ? List.of("role " + roleName + " belongs to a CloudFormation stack") : List.of(), addon,
                kind == BindingClass.MIGRATABLE ? role : null, null,
                List.of(new WorkloadRef("Deployment", sa.namespace(), sa.name())));
    }

    private static RolePlan role(String name, List<Binding> bindings) {
        List<ServiceAccountRef> associations = bindings.stream()
                .filter(b -> b.migratable() && b.addon() == null && arn(name).equals(b.associationRoleArn()))
                .map(Binding::serviceAccount).toList();
        String before = String.format(TRUST, associations.isEmpty() ? "x:y" : associations.get(0).namespace() + ":"
                + associations.get(0).name());
        return new RolePlan(arn(name), name, before, before.replace("]}", ",{\"Effect\":\"Allow\"}]}"), true,
                before.length() + 20, 2048, null, List.of("added statement AllowEksAuthToAssumeRoleForPodIdentity"),
                name.endsWith("9") ? "the trust policy would be 2100 characters, over the quota" : null,
                associations, List.of());
    }

    private static ClusterInfo cluster() {
        return new ClusterInfo(CLUSTER, CLUSTER.arn("aws"), "1.31", "eks.12", "ACTIVE",
                "https://oidc.eks.us-west-2.amazonaws.com/id/BIG", "API_AND_CONFIG_MAP", false,
                "https://big.example", "LS0tLS1CRUdJTg==");
    }

    private static Preflight preflight() {
        return new Preflight(List.of(new PreflightCheck("cluster status", PreflightCheck.Status.PASS, "ACTIVE"),
                new PreflightCheck("authentication mode", PreflightCheck.Status.WARN, "CONFIG_MAP")),
                AgentState.ABSENT, null);
    }

    static String arn(String roleName) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + roleName;
    }
}
