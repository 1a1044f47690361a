package dev.pim.migration.trust;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.List;

/**
 * Trust policies of the shapes IAM accepts, for the domain's properties: IRSA statements of this cluster's provider
 * and another's (exact subjects, patterns, audience only, none), Pod Identity statements whole and partial, Deny
 * statements, a statement written as one object or a list.
 */
public final class GeneratedPolicies {
    public static final String URL = "oidc.eks.us-west-2.amazonaws.com/id/AAAA";
    public static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/" + URL;
    static final String OTHER_URL = "oidc.eks.eu-west-1.amazonaws.com/id/BBBB";
    static final String OTHER_PROVIDER = "arn:aws:iam::111122223333:oidc-provider/" + OTHER_URL;
    public static final List<String> SUBJECTS = List.of("system:serviceaccount:app:api", "system:serviceaccount:app:worker",
            "system:serviceaccount:batch:job-a", "system:serviceaccount:batch:job-b", "system:serviceaccount:kube-system:default");

    private GeneratedPolicies() {
    }

    public static Arbitrary<String> policies() {
        return statement().list().ofMinSize(1).ofMaxSize(4).flatMap(statements -> Arbitraries.of(false, true)
                .map(asObject -> "{\"Version\":\"2012-10-17\",\"Statement\":" + (asObject && statements.size() == 1
                        ? statements.get(0) : "[" + String.join(",", statements) + "]") + "}"));
    }

    static Arbitrary<String> statement() {
        Arbitrary<List<String>> subjects = Arbitraries.of(SUBJECTS).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
        return Arbitraries.oneOf(
                subjects.map(s -> irsa(PROVIDER, URL, "\"StringEquals\":{\"" + URL + ":sub\":" + list(s) + ",\"" + URL
                        + ":aud\":\"sts.amazonaws.com\"}")),
                subjects.map(s -> irsa(PROVIDER, URL, "\"StringLike\":{\"" + URL + ":sub\":" + list(s) + "}")),
                Arbitraries.of("app", "batch").map(ns -> irsa(PROVIDER, URL, "\"StringLike\":{\"" + URL
                        + ":sub\":\"system:serviceaccount:" + ns + ":*\"}")),
                Arbitraries.just(irsa(PROVIDER, URL, "\"StringEquals\":{\"" + URL + ":aud\":\"sts.amazonaws.com\"}")),
                Arbitraries.just(irsa(PROVIDER, URL, null)),
                subjects.map(s -> irsa(PROVIDER, URL, "\"StringEquals\":{\"" + URL + ":sub\":" + list(s) + ",\"" + URL
                        + ":aud\":\"vault\"}")),
                subjects.map(s -> irsa(PROVIDER, URL, "\"StringNotEquals\":{\"" + URL + ":sub\":" + list(s) + "}")),
                subjects.map(s -> irsa(OTHER_PROVIDER, OTHER_URL, "\"StringEquals\":{\"" + OTHER_URL + ":sub\":" + list(s) + "}")),
                subjects.map(s -> "{\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + PROVIDER + "\"},\"Action\":"
                        + "\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" + URL + ":sub\":" + list(s) + "}}}"),
                Arbitraries.of(
                        "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}",
                        "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"pods.eks.amazonaws.com\"]},\"Action\":\"sts:AssumeRole\"}",
                        "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}",
                        "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:TagSession\"}",
                        "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}"));
    }

    private static String irsa(String provider, String url, String condition) {
        return "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + provider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\""
                + (condition == null ? "" : ",\"Condition\":{" + condition + "}") + "}";
    }

    private static String list(List<String> values) {
        return values.size() == 1 ? "\"" + values.get(0) + "\""
                : "[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }

    /** A policy and a subset of this cluster's subjects to remove from it. */
    public static Arbitrary<List<String>> subjectsToRemove() {
        return Arbitraries.of(SUBJECTS).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
    }
}
