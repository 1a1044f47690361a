package dev.pim.export;

import dev.pim.migration.ServiceAccountRef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A small cluster's export: standalone, cross-account and add-on associations, and trust with an IAM policy variable. */
final class SampleExports {
    static final String ACCOUNT = "111122223333";
    static final String CNI_ROLE = "arn:aws:iam::111122223333:role/teams/demo-vpc-cni";
    static final String PAYMENTS_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Sid":"AllowEksAuthToAssumeRoleForPodIdentity","Effect":"Allow",
            "Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],
            "Condition":{"StringEquals":{"aws:RequestTag/kubernetes-namespace":"${aws:PrincipalTag/team}"}}}]}""";
    static final String CNI_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},
            "Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    private SampleExports() {
    }

    static ClusterExport demo() {
        return demo(false);
    }

    /** @param shuffled the same content in another order, as EKS and IAM may list it */
    static ClusterExport demo(boolean shuffled) {
        List<ExportedAssociation> associations = new ArrayList<>(List.of(
                new ExportedAssociation("a-payments", arn("a-payments"), new ServiceAccountRef("payments", "payments-api"),
                        role("payments-api"), null, null, Map.of("team", "payments")),
                new ExportedAssociation("a-bridge", arn("a-bridge"), new ServiceAccountRef("analytics", "etl.v2"),
                        role("bridge"), "arn:aws:iam::444455556666:role/etl", null, Map.of()),
                new ExportedAssociation("a-cni", arn("a-cni"), new ServiceAccountRef("kube-system", "aws-node"),
                        CNI_ROLE, null, "vpc-cni", Map.of())));
        List<ExportedRole> roles = new ArrayList<>(List.of(
                new ExportedRole(role("payments-api"), "payments-api", "/", PAYMENTS_TRUST),
                new ExportedRole(CNI_ROLE, "demo-vpc-cni", "/teams/", CNI_TRUST),
                new ExportedRole(role("bridge"), "bridge", "/", CNI_TRUST)));
        if (shuffled) {
            Collections.reverse(associations);
            Collections.reverse(roles);
        }
        return new ClusterExport("demo", "us-west-2", ACCOUNT, associations, roles,
                List.of("arn:aws:iam::444455556666:role/etl: in account 444455556666, not the cluster's; its trust is not exported"));
    }

    static String role(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static String arn(String id) {
        return "arn:aws:eks:us-west-2:" + ACCOUNT + ":podidentityassociation/demo/" + id;
    }
}
