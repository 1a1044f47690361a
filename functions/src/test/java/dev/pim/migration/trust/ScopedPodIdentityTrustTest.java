package dev.pim.migration.trust;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pim.migration.trust.Policies.document;
import static dev.pim.migration.trust.Policies.irsa;
import static dev.pim.migration.trust.Policies.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopedPodIdentityTrustTest {
    private static final String DEMO = "arn:aws:eks:us-west-2:111122223333:cluster/demo";
    private static final String APPS = "arn:aws:eks:us-west-2:111122223333:cluster/apps";
    private static final String UNCONDITIONED = "{\"Sid\":\"AllowEksAuthToAssumeRoleForPodIdentity\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}";
    private static final TrustPolicy IRSA_ONLY = parse(document(irsa("StringEquals", "\"system:serviceaccount:web:frontend\"")));

    private static PodIdentityScope serviceAccounts(PodIdentityScope.Subject... subjects) {
        return PodIdentityScope.of(TrustScope.SERVICE_ACCOUNT, List.of(subjects));
    }

    private static PodIdentityScope.Subject sa(String cluster, String namespace, String name) {
        return new PodIdentityScope.Subject(cluster, namespace, name);
    }

    @Test
    void addsOneStatementConditionedOnTheClusterNamespaceAndServiceAccount() {
        TrustEdit edit = IRSA_ONLY.ensurePodIdentity(serviceAccounts(sa(DEMO, "web", "frontend")));

        assertThat(edit.changed()).isTrue();
        assertThat(edit.policy().render()).endsWith(",{\"Sid\":\"AllowEksAuthToAssumeRoleForPodIdentity\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],"
                + "\"Condition\":{\"StringEquals\":{\"aws:RequestTag/eks-cluster-arn\":[\"" + DEMO + "\"],"
                + "\"aws:RequestTag/kubernetes-namespace\":[\"web\"],"
                + "\"aws:RequestTag/kubernetes-service-account\":[\"frontend\"]}}}]}");
        assertThat(edit.notes().get(0)).startsWith("added statement AllowEksAuthToAssumeRoleForPodIdentity")
                .contains("StringEquals aws:RequestTag/kubernetes-service-account [frontend]");
    }

    @Test
    void theScopedStatementAdmitsOnlyItsServiceAccountOnItsCluster() {
        TrustPolicy scoped = IRSA_ONLY.ensurePodIdentity(serviceAccounts(sa(DEMO, "web", "frontend"))).policy();

        assertThat(scoped.admitsPodIdentity(DEMO, "web", "frontend")).isTrue();
        assertThat(scoped.admitsPodIdentity(DEMO, "web", "backend")).as("another service account").isFalse();
        assertThat(scoped.admitsPodIdentity(DEMO, "batch", "frontend")).as("another namespace").isFalse();
        assertThat(scoped.admitsPodIdentity(APPS, "web", "frontend")).as("another cluster").isFalse();
    }

    @Test
    void aClusterScopeAdmitsEveryServiceAccountOfTheClusterOnly() {
        TrustPolicy scoped = IRSA_ONLY.ensurePodIdentity(PodIdentityScope.of(TrustScope.CLUSTER,
                List.of(sa(DEMO, "web", "frontend")))).policy();

        assertThat(scoped.render()).contains("\"Condition\":{\"StringEquals\":{\"aws:RequestTag/eks-cluster-arn\":[\"" + DEMO + "\"]}}");
        assertThat(scoped.admitsPodIdentity(DEMO, "batch", "anyone")).isTrue();
        assertThat(scoped.admitsPodIdentity(APPS, "web", "frontend")).isFalse();
    }

    @Test
    void anAccountScopeIsTheDocumentedUnconditionedStatement() {
        assertThat(IRSA_ONLY.ensurePodIdentity(PodIdentityScope.account()).policy().render())
                .isEqualTo(IRSA_ONLY.ensurePodIdentity().policy().render()).endsWith("," + UNCONDITIONED + "]}");
    }

    @Test
    void severalServiceAccountsMergeIntoSortedListsOfOneStatement() {
        TrustEdit edit = IRSA_ONLY.ensurePodIdentity(serviceAccounts(sa(DEMO, "web", "frontend"), sa(DEMO, "batch", "worker"),
                sa(DEMO, "web", "frontend")));

        assertThat(edit.policy().statements()).hasSize(2);
        assertThat(edit.policy().render()).contains("\"aws:RequestTag/kubernetes-namespace\":[\"batch\",\"web\"],"
                + "\"aws:RequestTag/kubernetes-service-account\":[\"frontend\",\"worker\"]");
        assertThat(edit.notes()).anyMatch(n -> n.contains("admit every combination of their values (1 x 2 x 2 = 4)"));
    }

    @Test
    void aReRunChangesNothing() {
        PodIdentityScope scope = serviceAccounts(sa(DEMO, "web", "frontend"), sa(DEMO, "batch", "worker"));
        TrustPolicy once = IRSA_ONLY.ensurePodIdentity(scope).policy();

        TrustEdit again = once.ensurePodIdentity(scope);

        assertThat(again.changed()).isFalse();
        assertThat(again.policy().render()).isEqualTo(once.render());
        assertThat(again.notes().get(0)).endsWith("; nothing added");
        assertThat(once.ensurePodIdentity().changed()).as("the unscoped check counts the scoped statement as present").isFalse();
    }

    @Test
    void aSecondClusterJoinsTheListsInsteadOfAddingAStatement() {
        TrustPolicy first = IRSA_ONLY.ensurePodIdentity(serviceAccounts(sa(DEMO, "web", "frontend"))).policy();

        TrustEdit second = first.ensurePodIdentity(serviceAccounts(sa(APPS, "web", "frontend")));

        assertThat(second.changed()).isTrue();
        assertThat(second.policy().statements()).hasSize(2);
        assertThat(second.policy().render()).contains("\"aws:RequestTag/eks-cluster-arn\":[\"" + APPS + "\",\"" + DEMO + "\"],"
                + "\"aws:RequestTag/kubernetes-namespace\":[\"web\"]");
        assertThat(second.notes().get(0)).startsWith("added web/frontend of apps to the conditions of statement 2");
        assertThat(second.policy().admitsPodIdentity(DEMO, "web", "frontend")).isTrue();
        assertThat(second.policy().admitsPodIdentity(APPS, "web", "frontend")).isTrue();
    }

    @Test
    void anUnconditionedStatementIsLeftAsItIsAndSaidToBeWider() {
        TrustPolicy wide = parse(document(irsa("StringEquals", "\"system:serviceaccount:web:frontend\""), UNCONDITIONED));

        TrustEdit edit = wide.ensurePodIdentity(serviceAccounts(sa(DEMO, "web", "frontend")));

        assertThat(edit.changed()).isFalse();
        assertThat(edit.notes().get(0)).contains("already trusts pods.eks.amazonaws.com with no Condition")
                .contains("wider than --trust-scope service-account; left as is");
    }

    @Test
    void aHandWrittenStatementOfAnotherShapeThatAdmitsTheSubjectCounts() {
        String byNamespace = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringLike\":"
                + "{\"aws:RequestTag/kubernetes-namespace\":\"w*\"}}}";

        TrustEdit edit = parse(document(byNamespace)).ensurePodIdentity(serviceAccounts(sa(DEMO, "web", "frontend")));

        assertThat(edit.changed()).isFalse();
    }

    @Test
    void aStatementOfAnotherShapeIsNotExtendedButJoinedByOurs() {
        String byNamespace = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":"
                + "{\"aws:RequestTag/kubernetes-namespace\":\"web\"}}}";

        TrustEdit edit = parse(document(byNamespace)).ensurePodIdentity(serviceAccounts(sa(DEMO, "batch", "worker")));

        assertThat(edit.policy().statements()).hasSize(2);
        assertThat(edit.policy().render()).startsWith(document(byNamespace).replace("]}", ""));
    }

    @Test
    void rollbackKeepsTheRunsScopedStatementNotAWiderOne() {
        TrustPolicy written = IRSA_ONLY.ensurePodIdentity(serviceAccounts(sa(DEMO, "web", "frontend"))).policy();
        TrustPolicy original = parse(document(irsa("StringEquals", "\"system:serviceaccount:web:frontend\""),
                irsa("StringEquals", "\"system:serviceaccount:batch:worker\"")));

        TrustPolicy interim = original.withPodIdentityStatementsOf(written);

        assertThat(interim.statements()).hasSize(3);
        assertThat(interim.admitsPodIdentity(DEMO, "web", "frontend")).isTrue();
        assertThat(interim.admitsPodIdentity(DEMO, "batch", "worker")).isFalse();
        assertThat(interim.withPodIdentityStatementsOf(written).render()).isEqualTo(interim.render());
    }

    @Test
    void anUnknownScopeIsRefusedNamingTheAllowedValues() {
        assertThat(TrustScope.parse(" Service-Account ")).isEqualTo(TrustScope.SERVICE_ACCOUNT);
        assertThatThrownBy(() -> TrustScope.parse("namespace"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown trust scope 'namespace': expected one of account, cluster, service-account");
    }
}
