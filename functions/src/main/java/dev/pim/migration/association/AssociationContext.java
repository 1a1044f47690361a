package dev.pim.migration.association;

import dev.pim.migration.RoleArn;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.port.AssociationAdminPort;
import dev.pim.migration.port.EksPort;
import dev.pim.migration.port.IamPort;
import dev.pim.migration.port.RoleAdminPort;
import dev.pim.migration.trust.TrustEdit;
import dev.pim.migration.trust.TrustPolicy;

/** One cluster and the ports association management works through. */
public record AssociationContext(ClusterInfo cluster, EksPort eks, IamPort iam, RoleAdminPort roles,
                                 AssociationAdminPort admin, WellKnownPolicies wellKnown) {

    public AssociationDirectory directory() {
        return new AssociationDirectory(eks, admin);
    }

    public RoleProvisioner provisioner() {
        return new RoleProvisioner(roles);
    }

    String clusterName() {
        return cluster.ref().name();
    }

    String region() {
        return cluster.ref().region();
    }

    /** An existing role given by ARN must be of the cluster's account (EKS takes no other) and must exist. */
    void requireUsableRole(String roleArn, String subject) {
        RoleArn arn = RoleArn.parse(roleArn);
        String account = cluster.ref().accountId();
        if (!arn.accountId().equals(account)) {
            throw new AssociationRefusedException(subject + ": role " + roleArn + " is in account " + arn.accountId()
                    + ", but cluster " + clusterName() + " is in " + account + "; EKS associates roles of the "
                    + "cluster's account only");
        }
        RoleInfo role = iam.role(arn.name()).filter(r -> r.arn().equals(arn.toString())).orElseThrow(() ->
                new AssociationRefusedException(subject + ": no role " + roleArn + " in account " + account));
        // EKS refuses a role whose trust does not let pods.eks.amazonaws.com in; say so before anything is written.
        TrustEdit edit = role.trustPolicy() == null ? null
                : TrustPolicy.parse(role.arn(), role.trustPolicy()).ensurePodIdentity();
        if (edit != null && (edit.changed() || edit.refused())) {
            throw new AssociationRefusedException(subject + ": role " + roleArn + " does not trust "
                    + "pods.eks.amazonaws.com for sts:AssumeRole and sts:TagSession, so EKS would refuse it: add that "
                    + "statement to its trust policy first (pim migrate does it for IRSA roles)");
        }
    }
}
