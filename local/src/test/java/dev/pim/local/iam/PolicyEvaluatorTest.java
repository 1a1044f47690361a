package dev.pim.local.iam;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** IAM's decision on trust policies, for the three kinds of callers a migration involves. */
class PolicyEvaluatorTest {
    static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/ABC";
    static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/" + ISSUER;
    static final String CLUSTER = "arn:aws:eks:us-west-2:111122223333:cluster/demo";

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    /** A one-statement web-identity trust of the test issuer, with the given Condition (JSON, or empty for none). */
    private static String irsa(String effect, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":{\"Federated\":\""
                + PROVIDER + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"" + (condition.isEmpty() ? "" : ",\"Condition\":"
                + condition.replace("ISS", ISSUER)) + "}]}";
    }

    private PolicyEvaluator.Decision token(String policy, String subject, String audience) {
        return evaluator.decide(policy, RequestContext.webIdentity(PROVIDER, ISSUER, subject, audience));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            exact subject                      | {"StringEquals":{"ISS:sub":"system:serviceaccount:a:b"}}                                 | system:serviceaccount:a:b | sts.amazonaws.com | ALLOW
            another subject                    | {"StringEquals":{"ISS:sub":"system:serviceaccount:a:b"}}                                 | system:serviceaccount:a:c | sts.amazonaws.com | IMPLICIT_DENY
            subject list                       | {"StringEquals":{"ISS:sub":["system:serviceaccount:a:x","system:serviceaccount:a:c"]}}  | system:serviceaccount:a:c | sts.amazonaws.com | ALLOW
            audience only admits every subject | {"StringEquals":{"ISS:aud":"sts.amazonaws.com"}}                                          | system:serviceaccount:z:z | sts.amazonaws.com | ALLOW
            wrong audience                     | {"StringEquals":{"ISS:aud":"other","ISS:sub":"system:serviceaccount:a:b"}}               | system:serviceaccount:a:b | sts.amazonaws.com | IMPLICIT_DENY
            no condition admits everyone       |                                                                                          | system:serviceaccount:q:q | sts.amazonaws.com | ALLOW
            pattern                            | {"StringLike":{"ISS:sub":"system:serviceaccount:batch:job-*"}}                           | system:serviceaccount:batch:job-7 | sts.amazonaws.com | ALLOW
            pattern one character              | {"StringLike":{"ISS:sub":"system:serviceaccount:batch:job-?"}}                           | system:serviceaccount:batch:job-77 | sts.amazonaws.com | IMPLICIT_DENY
            key names ignore case              | {"StringEquals":{"OIDC.EKS.US-WEST-2.AMAZONAWS.COM/ID/ABC:SUB":"system:serviceaccount:a:b"}} | system:serviceaccount:a:b | sts.amazonaws.com | ALLOW
            values do not ignore case          | {"StringEquals":{"ISS:sub":"system:serviceaccount:A:b"}}                                 | system:serviceaccount:a:b | sts.amazonaws.com | IMPLICIT_DENY
            ignore-case operator               | {"StringEqualsIgnoreCase":{"ISS:sub":"SYSTEM:serviceaccount:A:B"}}                       | system:serviceaccount:a:b | sts.amazonaws.com | ALLOW
            negated operator                   | {"StringNotEquals":{"ISS:sub":"system:serviceaccount:a:b"}}                              | system:serviceaccount:a:c | sts.amazonaws.com | ALLOW
            negated operator, the one it names | {"StringNotEquals":{"ISS:sub":"system:serviceaccount:a:b"}}                              | system:serviceaccount:a:b | sts.amazonaws.com | IMPLICIT_DENY
            two operators both must hold       | {"StringLike":{"ISS:sub":"system:serviceaccount:a:*"},"StringNotLike":{"ISS:sub":"*:a:b"}} | system:serviceaccount:a:b | sts.amazonaws.com | IMPLICIT_DENY
            for any value                      | {"ForAnyValue:StringEquals":{"ISS:sub":["system:serviceaccount:a:b"]}}                   | system:serviceaccount:a:b | sts.amazonaws.com | ALLOW
            if exists on an absent key         | {"StringEqualsIfExists":{"ISS:amr":"x"},"StringEquals":{"ISS:sub":"system:serviceaccount:a:b"}} | system:serviceaccount:a:b | sts.amazonaws.com | ALLOW
            absent key without if exists       | {"StringEquals":{"ISS:amr":"x"}}                                                         | system:serviceaccount:a:b | sts.amazonaws.com | IMPLICIT_DENY
            null operator on an absent key     | {"Null":{"ISS:amr":"true"}}                                                              | system:serviceaccount:a:b | sts.amazonaws.com | ALLOW
            null operator on a present key     | {"Null":{"ISS:sub":"true"}}                                                              | system:serviceaccount:a:b | sts.amazonaws.com | IMPLICIT_DENY
            secure transport                   | {"Bool":{"aws:SecureTransport":"true"}}                                                  | system:serviceaccount:a:b | sts.amazonaws.com | ALLOW
            an operator it does not implement  | {"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}                                              | system:serviceaccount:a:b | sts.amazonaws.com | IMPLICIT_DENY
            """)
    void webIdentityTokens(String why, String condition, String subject, String audience, String expected) {
        assertThat(token(irsa("Allow", condition == null ? "" : condition), subject, audience)).as(why)
                .isEqualTo(PolicyEvaluator.Decision.valueOf(expected));
    }

    @Test
    void aDenyWinsOverAnAllowOnlyWhenItsConditionHolds() {
        String insecureOnly = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
        String always = insecureOnly.replace(",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}", "");

        assertThat(evaluator.decide(insecureOnly, pods("web", "frontend"))).isEqualTo(PolicyEvaluator.Decision.ALLOW);
        assertThat(evaluator.decide(always, pods("web", "frontend"))).isEqualTo(PolicyEvaluator.Decision.EXPLICIT_DENY);
    }

    @Test
    void podIdentitySessionTagsScopeTheRole() {
        String scoped = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":"
                + "{\"aws:RequestTag/kubernetes-namespace\":\"web\",\"aws:RequestTag/eks-cluster-arn\":\"" + CLUSTER + "\"}}}]}";

        assertThat(evaluator.decide(scoped, pods("web", "frontend"))).isEqualTo(PolicyEvaluator.Decision.ALLOW);
        assertThat(evaluator.decide(scoped, pods("batch", "frontend"))).isEqualTo(PolicyEvaluator.Decision.IMPLICIT_DENY);
        assertThat(evaluator.decide(scoped, RequestContext.podIdentity(RequestContext.ASSUME_ROLE, CLUSTER, "web", "frontend",
                Optional.empty(), false))).as("without session tags the condition has nothing to match")
                .isEqualTo(PolicyEvaluator.Decision.IMPLICIT_DENY);
    }

    @Test
    void aConditionOnThePodNameIsUnknownBeforeThePodExists() {
        String byPod = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":\"sts:*\",\"Condition\":{\"StringLike\":"
                + "{\"aws:RequestTag/kubernetes-pod-name\":\"frontend-*\"}}}]}";
        RequestContext beforeThePod = RequestContext.podIdentity(RequestContext.ASSUME_ROLE, CLUSTER, "web", "frontend",
                Optional.empty(), true);

        assertThat(evaluator.evaluate(byPod, beforeThePod, PolicyEvaluator.Unknowns.FAVOURABLE).decision())
                .isEqualTo(PolicyEvaluator.Decision.ALLOW);
        assertThat(evaluator.evaluate(byPod, beforeThePod, PolicyEvaluator.Unknowns.UNFAVOURABLE).decision())
                .isEqualTo(PolicyEvaluator.Decision.IMPLICIT_DENY);
    }

    @Test
    void anAwsPrincipalIsNamedByRoleAccountOrRoot() {
        String byRole = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "[\"arn:aws:iam::111122223333:role/bridge\"]},\"Action\":\"sts:AssumeRole\"}}";
        RequestContext bridge = RequestContext.awsPrincipal("arn:aws:sts::111122223333:assumed-role/bridge/s",
                "arn:aws:iam::111122223333:role/bridge", RequestContext.ASSUME_ROLE, Map.of());
        RequestContext other = RequestContext.awsPrincipal("arn:aws:sts::111122223333:assumed-role/other/s",
                "arn:aws:iam::111122223333:role/other", RequestContext.ASSUME_ROLE, Map.of());

        assertThat(evaluator.decide(byRole, bridge)).isEqualTo(PolicyEvaluator.Decision.ALLOW);
        assertThat(evaluator.decide(byRole, other)).isEqualTo(PolicyEvaluator.Decision.IMPLICIT_DENY);
        assertThat(evaluator.decide(byRole.replace("role/bridge", "root"), other)).isEqualTo(PolicyEvaluator.Decision.ALLOW);
    }

    @Test
    void notPrincipalAndNotActionExceptWhatTheyName() {
        String denyAllButPods = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:*\"},"
                + "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"NotAction\":\"sts:TagSession\"}]}";

        assertThat(evaluator.decide(denyAllButPods, pods("a", "b"))).isEqualTo(PolicyEvaluator.Decision.ALLOW);
        assertThat(token(denyAllButPods, "system:serviceaccount:a:b", "sts.amazonaws.com"))
                .isEqualTo(PolicyEvaluator.Decision.EXPLICIT_DENY);
    }

    @Test
    void listsTellsANamedSubjectFromAPattern() {
        String policy = irsa("Allow", "{\"StringLike\":{\"ISS:sub\":[\"system:serviceaccount:a:b\",\"system:serviceaccount:c:*\"]}}");

        assertThat(evaluator.lists(policy, 0, ISSUER + ":sub", "system:serviceaccount:a:b")).isTrue();
        assertThat(evaluator.lists(policy, 0, ISSUER + ":sub", "system:serviceaccount:c:d")).isFalse();
        assertThat(evaluator.lists(irsa("Allow", "{\"StringEquals\":{\"ISS:aud\":\"sts.amazonaws.com\"}}"), 0,
                ISSUER + ":sub", "system:serviceaccount:a:b")).isFalse();
    }

    @Test
    void listsAValueUnderStringEqualsIgnoreCaseWrittenInAnotherCase() {
        String policy = irsa("Allow", "{\"StringEqualsIgnoreCase\":{\"ISS:SUB\":\"system:serviceaccount:a:WORKER\"}}");

        assertThat(token(policy, "system:serviceaccount:a:worker", "sts.amazonaws.com")).isEqualTo(PolicyEvaluator.Decision.ALLOW);
        assertThat(evaluator.lists(policy, 0, ISSUER + ":sub", "system:serviceaccount:a:worker")).isTrue();
        assertThat(evaluator.lists(irsa("Allow", "{\"StringEquals\":{\"ISS:sub\":\"system:serviceaccount:a:WORKER\"}}"), 0,
                ISSUER + ":sub", "system:serviceaccount:a:worker")).isFalse();
    }

    private static RequestContext pods(String namespace, String serviceAccount) {
        return RequestContext.podIdentity(RequestContext.ASSUME_ROLE, CLUSTER, namespace, serviceAccount,
                Optional.of(Map.entry(serviceAccount + "-abc", "uid-1")), true);
    }

    @Test
    void multiValuedTagKeysWithForAllValues() {
        String onlyEksTags = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":\"sts:*\",\"Condition\":{\"ForAllValues:StringLike\":"
                + "{\"aws:TagKeys\":[\"eks-*\",\"kubernetes-*\"]}}}]}";

        assertThat(evaluator.decide(onlyEksTags, pods("a", "b"))).isEqualTo(PolicyEvaluator.Decision.ALLOW);
        assertThat(evaluator.decide(onlyEksTags.replace("\"kubernetes-*\"", "\"kubernetes-namespace\""), pods("a", "b")))
                .isEqualTo(PolicyEvaluator.Decision.IMPLICIT_DENY);
        assertThat(List.of(RequestContext.POD_IDENTITY_TAGS.size())).containsExactly(6);
    }
}
