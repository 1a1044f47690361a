package dev.pim.local.eks;

import java.util.List;

/** The EKS cluster access policies an access entry can be given (ListAccessPolicies). */
final class AccessPolicies {
    private static final String PREFIX = "arn:aws:eks::aws:cluster-access-policy/";
    static final List<String> ARNS = List.of(
            PREFIX + "AmazonEKSAdminPolicy",
            PREFIX + "AmazonEKSAdminViewPolicy",
            PREFIX + "AmazonEKSClusterAdminPolicy",
            PREFIX + "AmazonEKSEditPolicy",
            PREFIX + "AmazonEKSViewPolicy");

    private AccessPolicies() {
    }

    static void require(String policyArn) {
        if (!ARNS.contains(policyArn)) {
            throw EksErrors.invalidParameter("The specified policyArn " + policyArn + " is not a valid access policy;"
                    + " ListAccessPolicies lists them");
        }
    }

    static String name(String arn) {
        return arn.substring(PREFIX.length());
    }
}
