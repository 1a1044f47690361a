package dev.pim.migration.trust;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the plan knows of a call IAM will evaluate a trust policy for: who calls (principal type and the values a
 * policy may name it by), the action, the condition keys whose values are known, and which other keys the call
 * surely does not carry. Every other key is unknown, and a condition on it is neither true nor false.
 *
 * @param known  lower-cased condition keys with their values
 * @param absent which lower-cased keys the call is known not to carry
 */
public record CallFacts(String principalType, List<String> principals, String action, Map<String, List<String>> known,
                        Predicate<String> absent) {
    public static final String WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
    public static final String ASSUME_ROLE = "sts:AssumeRole";
    public static final String TAG_SESSION = "sts:TagSession";
    public static final String POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";
    /** The six session tags EKS Pod Identity sets. */
    static final List<String> POD_IDENTITY_TAGS = List.of("eks-cluster-arn", "eks-cluster-name", "kubernetes-namespace",
            "kubernetes-service-account", "kubernetes-pod-name", "kubernetes-pod-uid");

    public CallFacts {
        principals = List.copyOf(principals);
        Map<String, List<String>> lowered = new TreeMap<>();
        known.forEach((k, v) -> lowered.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        known = Collections.unmodifiableMap(lowered);
    }

    /**
     * STS AssumeRoleWithWebIdentity with a service-account token of the cluster whose issuer the provider names
     * (IRSA): its subject and audience are known, and a Kubernetes token carries no other claim STS exposes.
     */
    public static CallFacts webIdentity(OidcProvider provider, String subject, String audience) {
        Map<String, List<String>> known = Map.of(
                provider.url() + ":sub", List.of(subject),
                provider.url() + ":aud", List.of(audience),
                "aws:FederatedProvider", List.of(provider.arn()),
                "aws:SecureTransport", List.of("true"));
        String claims = provider.url().toLowerCase(Locale.ROOT) + ":";
        return new CallFacts("Federated", List.of(provider.arn()), WEB_IDENTITY, known, key -> key.startsWith(claims));
    }

    /**
     * EKS Auth opening a Pod Identity session (AssumeRole or TagSession) for a cluster's pods, with the session tags
     * it sets; the namespace and service account when known (the pod's name and uid never are at plan time).
     */
    public static CallFacts podIdentity(String action, String clusterArn, Optional<String> namespace,
                                        Optional<String> serviceAccount) {
        Map<String, List<String>> known = new TreeMap<>();
        String[] arn = clusterArn.split(":", 6);
        known.put("aws:SecureTransport", List.of("true"));
        known.put("aws:PrincipalServiceName", List.of(POD_IDENTITY_SERVICE));
        known.put("aws:PrincipalIsAWSService", List.of("true"));
        known.put("aws:SourceAccount", List.of(arn.length > 4 ? arn[4] : ""));
        known.put("aws:SourceArn", List.of(clusterArn));
        known.put("aws:RequestTag/eks-cluster-arn", List.of(clusterArn));
        known.put("aws:RequestTag/eks-cluster-name", List.of(clusterArn.substring(clusterArn.lastIndexOf('/') + 1)));
        namespace.ifPresent(ns -> known.put("aws:RequestTag/kubernetes-namespace", List.of(ns)));
        serviceAccount.ifPresent(sa -> known.put("aws:RequestTag/kubernetes-service-account", List.of(sa)));
        known.put("aws:TagKeys", POD_IDENTITY_TAGS);
        // EKS sets only its six tags: any other request tag is surely absent.
        Predicate<String> absent = key -> key.startsWith("aws:requesttag/")
                && POD_IDENTITY_TAGS.stream().noneMatch(tag -> key.equals("aws:requesttag/" + tag));
        return new CallFacts("Service", List.of(POD_IDENTITY_SERVICE), action, known, absent);
    }

    /**
     * EKS Auth's call for some pod of some cluster: only what every such call carries is known (TLS, the service
     * principal, the six tag keys); the cluster, namespace and service account are not.
     */
    public static CallFacts podIdentityOnAnyCluster(String action) {
        Map<String, List<String>> known = Map.of(
                "aws:SecureTransport", List.of("true"),
                "aws:PrincipalServiceName", List.of(POD_IDENTITY_SERVICE),
                "aws:PrincipalIsAWSService", List.of("true"),
                "aws:TagKeys", POD_IDENTITY_TAGS);
        Predicate<String> absent = key -> key.startsWith("aws:requesttag/")
                && POD_IDENTITY_TAGS.stream().noneMatch(tag -> key.equals("aws:requesttag/" + tag));
        return new CallFacts("Service", List.of(POD_IDENTITY_SERVICE), action, known, absent);
    }

    public CallFacts withAction(String other) {
        return new CallFacts(principalType, principals, other, known, absent);
    }

    /** The values of a key; empty when surely absent; null when unknown. */
    List<String> values(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        List<String> values = known.get(k);
        if (values != null) {
            return values;
        }
        return absent.test(k) ? List.of() : null;
    }
}
