package dev.pim.local.eks;

import dev.pim.local.iam.TrustPolicies;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.RoleState;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The checks EKS makes on the role of a Pod Identity association (CreatePodIdentityAssociation,
 * UpdatePodIdentityAssociation and add-on {@code podIdentityAssociations}): it must be an existing role of the
 * cluster's account, and trust {@code pods.eks.amazonaws.com} for {@code sts:AssumeRole} and
 * {@code sts:TagSession}. EKS reads IAM through its eventual consistency: for
 * {@code behaviour.iamPropagationDelay} after a change it still sees the role as it was (a new role as
 * missing, a new trust policy as the previous one), which is why real callers retry these two errors.
 */
final class PodIdentityRoles {
    static final String ROLE_DOES_NOT_EXIST = "Role provided in the request does not exist";
    static final String TRUST_POLICY_INVALID = "Trust policy of the role provided is invalid";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");

    private PodIdentityRoles() {
    }

    /** Refuses a role EKS could not use for a Pod Identity association on this cluster. */
    static void check(EksCall call, ClusterState cluster, String roleArn, String namespace, String serviceAccount) {
        requireRoleArn("roleArn", roleArn);
        Instant now = call.now();
        Duration delay = call.state.behaviour.iamPropagationDelay;
        RoleState role = call.state.existingAccount(cluster.accountId)
                .flatMap(account -> account.roleByArn(roleArn))
                .filter(r -> !visibleAfter(r.createDate, delay).isAfter(now))
                .orElseThrow(() -> EksErrors.invalidParameter(ROLE_DOES_NOT_EXIST).with("clusterName", cluster.name));
        String trust = trustPolicySeen(role, now, delay);
        if (trust == null || !TrustPolicies.allowsPodIdentity(trust, cluster.arn(), namespace, serviceAccount)) {
            throw EksErrors.invalidParameter(TRUST_POLICY_INVALID).with("clusterName", cluster.name);
        }
    }

    /** A role ARN in any account (a target role may live elsewhere): only its shape is checked. */
    static void requireRoleArn(String parameter, String arn) {
        if (!ROLE_ARN.matcher(arn).matches()) {
            throw EksErrors.invalidParameter("The " + parameter + " " + arn + " is not a valid IAM role ARN");
        }
    }

    /** The trust policy EKS sees now: the previous one while the last change is still propagating. */
    private static String trustPolicySeen(RoleState role, Instant now, Duration delay) {
        boolean propagating = role.trustPolicyChangedAt != null
                && visibleAfter(role.trustPolicyChangedAt, delay).isAfter(now);
        return propagating && role.previousTrustPolicy != null ? role.previousTrustPolicy : role.trustPolicy;
    }

    private static Instant visibleAfter(Instant changedAt, Duration delay) {
        return changedAt.plus(delay);
    }
}
