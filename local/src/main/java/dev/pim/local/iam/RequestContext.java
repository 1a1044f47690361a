package dev.pim.local.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What IAM knows of one request when it evaluates a role's trust policy: who asks (the principal type and
 * every value a policy may name it by), the action, and the condition keys with their values. Key names
 * are case-insensitive, as in IAM; values are not.
 *
 * @param principalType {@code AWS}, {@code Service} or {@code Federated}
 * @param principals    the values that identify the caller: for {@code AWS} the session ARN, the role ARN and
 *                      the account id; for {@code Service} the service principal; for {@code Federated} the
 *                      provider ARN
 * @param keys          condition keys present in the request, lower-cased, each with its values
 * @param unknownKeys   keys whose value the evaluator cannot know yet (lower-cased): conditions on them are
 *                      neither true nor false, and {@link PolicyEvaluator.Unknowns} decides how they count
 */
public record RequestContext(String principalType, List<String> principals, String action,
                             Map<String, List<String>> keys, Set<String> unknownKeys) {
    public static final String WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
    public static final String ASSUME_ROLE = "sts:AssumeRole";
    public static final String TAG_SESSION = "sts:TagSession";
    /** The session tags EKS Pod Identity sets on every role session it opens. */
    public static final List<String> POD_IDENTITY_TAGS = List.of("eks-cluster-arn", "eks-cluster-name",
            "kubernetes-namespace", "kubernetes-service-account", "kubernetes-pod-name", "kubernetes-pod-uid");

    public RequestContext {
        principals = List.copyOf(principals);
        Map<String, List<String>> lowered = new TreeMap<>();
        keys.forEach((k, v) -> lowered.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        keys = java.util.Collections.unmodifiableMap(lowered);
        unknownKeys = unknownKeys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * STS AssumeRoleWithWebIdentity with a Kubernetes service-account token of an EKS cluster (IRSA).
     *
     * @param providerArn the IAM OIDC provider of the cluster's issuer
     * @param issuer      the issuer without {@code https://}, the prefix of the token's condition keys
     */
    public static RequestContext webIdentity(String providerArn, String issuer, String subject, String audience) {
        return new RequestContext("Federated", List.of(providerArn), WEB_IDENTITY, Map.of(
                issuer + ":sub", List.of(subject),
                issuer + ":aud", List.of(audience),
                "aws:FederatedProvider", List.of(providerArn),
                "aws:SecureTransport", List.of("true")), Set.of());
    }

    /**
     * EKS Pod Identity opening a role session for a pod ({@code sts:AssumeRole} or {@code sts:TagSession}),
     * with the session tags it sets, unless the association disables them.
     *
     * @param pod the pod's name and uid, or empty when they are not known yet (conditions on them are unknown)
     */
    public static RequestContext podIdentity(String action, String clusterArn, String namespace, String serviceAccount,
                                             Optional<Map.Entry<String, String>> pod, boolean sessionTags) {
        Map<String, List<String>> keys = new TreeMap<>();
        String[] arn = clusterArn.split(":", 6);
        keys.put("aws:SecureTransport", List.of("true"));
        keys.put("aws:PrincipalServiceName", List.of("pods.eks.amazonaws.com"));
        keys.put("aws:PrincipalIsAWSService", List.of("true"));
        keys.put("aws:SourceAccount", List.of(arn.length > 4 ? arn[4] : ""));
        keys.put("aws:SourceArn", List.of(clusterArn));
        Set<String> unknown = Set.of();
        if (sessionTags) {
            String clusterName = clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
            keys.put("aws:RequestTag/eks-cluster-arn", List.of(clusterArn));
            keys.put("aws:RequestTag/eks-cluster-name", List.of(clusterName));
            keys.put("aws:RequestTag/kubernetes-namespace", List.of(namespace));
            keys.put("aws:RequestTag/kubernetes-service-account", List.of(serviceAccount));
            keys.put("aws:TagKeys", POD_IDENTITY_TAGS);
            if (pod.isPresent()) {
                keys.put("aws:RequestTag/kubernetes-pod-name", List.of(pod.get().getKey()));
                keys.put("aws:RequestTag/kubernetes-pod-uid", List.of(pod.get().getValue()));
            } else {
                unknown = Set.of("aws:RequestTag/kubernetes-pod-name", "aws:RequestTag/kubernetes-pod-uid");
            }
        }
        return new RequestContext("Service", List.of("pods.eks.amazonaws.com"), action, keys, unknown);
    }

    /**
     * An AWS principal asking for a role session ({@code sts:AssumeRole}, {@code sts:TagSession}).
     *
     * @param sessionArn the caller: a role or assumed-role session ARN, or an account root ARN
     * @param roleArn    the role behind an assumed-role session, or null
     */
    public static RequestContext awsPrincipal(String sessionArn, String roleArn, String action, Map<String, List<String>> keys) {
        String[] parts = sessionArn.split(":");
        String account = parts.length > 4 ? parts[4] : "";
        List<String> names = roleArn == null ? List.of(sessionArn, account) : List.of(sessionArn, roleArn, account);
        Map<String, List<String>> all = new TreeMap<>(keys);
        all.put("aws:SecureTransport", List.of("true"));
        all.put("aws:PrincipalAccount", List.of(account));
        all.put("aws:PrincipalArn", List.of(roleArn != null ? roleArn : sessionArn));
        return new RequestContext("AWS", names, action, all, Set.of());
    }

    /** The same request for another action (Pod Identity asks for AssumeRole and TagSession alike). */
    public RequestContext withAction(String otherAction) {
        return new RequestContext(principalType, principals, otherAction, keys, unknownKeys);
    }

    /** The values of a key, or null when the request does not carry it. */
    List<String> values(String key) {
        return keys.get(key.toLowerCase(Locale.ROOT));
    }

    boolean isUnknown(String key) {
        return unknownKeys.contains(key.toLowerCase(Locale.ROOT));
    }

    String account() {
        return principalType.equals("AWS") ? principals.get(principals.size() - 1) : "";
    }
}
