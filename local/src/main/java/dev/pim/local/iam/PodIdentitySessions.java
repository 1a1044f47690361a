package dev.pim.local.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How IAM answers the role sessions EKS Auth opens for a pod (AssumeRoleForPodIdentity): the association's role must
 * allow {@code pods.eks.amazonaws.com} {@code sts:AssumeRole}, and {@code sts:TagSession} when the six session tags are
 * set, with those tags as {@code aws:RequestTag/...}; a target role must allow the role's session in turn, the tags
 * carried over (they are transitive). One evaluation for EKS Auth's answer and for the invariant monitor's judgement.
 */
public final class PodIdentitySessions {

    private PodIdentitySessions() {
    }

    /**
     * Why the role's trust policy refuses EKS's session, if it does: the action and IAM's decision. Conditions on
     * keys the request cannot know yet (the pod, before it exists) count against it.
     */
    public static Optional<String> refusal(PolicyEvaluator evaluator, String trustPolicy, boolean sessionTags,
                                           RequestContext request) {
        List<String> actions = sessionTags ? List.of(RequestContext.ASSUME_ROLE, RequestContext.TAG_SESSION)
                : List.of(RequestContext.ASSUME_ROLE);
        for (String action : actions) {
            PolicyEvaluator.Decision decision = evaluator.evaluate(trustPolicy, request.withAction(action),
                    PolicyEvaluator.Unknowns.UNFAVOURABLE).decision();
            if (!decision.allowed()) {
                return Optional.of(action + " " + decision);
            }
        }
        return Optional.empty();
    }

    /** The call the association role's session makes into the target role: its session tags carried over. */
    public static RequestContext chained(String sessionArn, String roleArn, RequestContext podRequest) {
        Map<String, List<String>> requestTags = new TreeMap<>();
        podRequest.keys().forEach((k, v) -> {
            if (k.startsWith("aws:requesttag/") || k.equals("aws:tagkeys")) {
                requestTags.put(k, v);
            }
        });
        return RequestContext.awsPrincipal(sessionArn, roleArn, RequestContext.ASSUME_ROLE, requestTags);
    }
}
