package dev.pim.local.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trust checks AWS makes when a role is used, over {@link PolicyEvaluator}: STS AssumeRole (may this AWS
 * principal assume the role?) and EKS CreatePodIdentityAssociation (does the role trust
 * {@code pods.eks.amazonaws.com} for {@code sts:AssumeRole} and {@code sts:TagSession}?).
 */
public final class TrustPolicies {

    private TrustPolicies() {
    }

    /**
     * Whether EKS accepts the role for a Pod Identity association of the service account: a pod of it could get
     * a session (AssumeRole and TagSession allowed). The pod's name and uid are not known at this point, so a
     * condition on them counts as met.
     */
    public static boolean allowsPodIdentity(String policy, String clusterArn, String namespace, String serviceAccount) {
        PolicyEvaluator evaluator = new PolicyEvaluator();
        RequestContext request = RequestContext.podIdentity(RequestContext.ASSUME_ROLE, clusterArn, namespace,
                serviceAccount, Optional.empty(), true);
        return List.of(RequestContext.ASSUME_ROLE, RequestContext.TAG_SESSION).stream().allMatch(action ->
                evaluator.evaluate(policy, request.withAction(action), PolicyEvaluator.Unknowns.FAVOURABLE)
                        .decision().allowed());
    }

    /**
     * Whether an AWS principal may perform {@code action} on the role.
     *
     * @param principalArn the caller: a role ARN ({@code arn:aws:iam::1:role/x}), an assumed-role session ARN
     *                     or an account root ARN
     * @param roleArn      the IAM role behind an assumed-role session, or null
     * @param keys         the request's condition keys ({@code sts:ExternalId}...)
     */
    public static boolean allowsAws(String policy, String principalArn, String roleArn, String action,
                                    Map<String, List<String>> keys) {
        return new PolicyEvaluator().decide(policy, RequestContext.awsPrincipal(principalArn, roleArn, action, keys))
                .allowed();
    }
}
