package dev.pim.migration.trust;

import org.junit.jupiter.api.Test;

import static dev.pim.migration.trust.Policies.document;
import static dev.pim.migration.trust.Policies.irsa;
import static dev.pim.migration.trust.Policies.parse;
import static org.assertj.core.api.Assertions.assertThat;

class PodIdentityTrustTest {
    private static final String DOCUMENTED = "{\"Sid\":\"AllowEksAuthToAssumeRoleForPodIdentity\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}";

    @Test
    void addsTheDocumentedStatementAtTheEnd() {
        TrustPolicy policy = parse(document(irsa("StringEquals", "\"system:serviceaccount:a:b\"")));

        TrustEdit edit = policy.ensurePodIdentity();

        assertThat(edit.changed()).isTrue();
        assertThat(edit.refused()).isFalse();
        assertThat(edit.policy().statements()).hasSize(2);
        assertThat(edit.policy().render()).endsWith("," + DOCUMENTED + "]}");
    }

    @Test
    void neverAddsASecondCopyHoweverOftenItRuns() {
        TrustPolicy policy = parse(document(irsa("StringEquals", "\"system:serviceaccount:a:b\"")));

        TrustPolicy once = policy.ensurePodIdentity().policy();
        TrustEdit twice = once.ensurePodIdentity();
        TrustEdit thrice = twice.policy().ensurePodIdentity();

        assertThat(twice.changed()).isFalse();
        assertThat(thrice.policy().render()).isEqualTo(once.render());
    }

    @Test
    void leavesTheOriginalPolicyUntouched() {
        TrustPolicy policy = parse(document());
        String before = policy.render();

        policy.ensurePodIdentity();

        assertThat(policy.render()).isEqualTo(before);
    }

    @Test
    void recognisesTheStatementWhenStatementIsASingleObject() {
        TrustPolicy policy = parse("{\"Statement\":" + DOCUMENTED + "}");

        TrustEdit edit = policy.ensurePodIdentity();

        assertThat(edit.changed()).isFalse();
        assertThat(edit.policy()).isSameAs(policy);
        assertThat(edit.policy().render()).isEqualTo("{\"Statement\":" + DOCUMENTED + "}");
    }

    @Test
    void doesNotCountADenyOrAServiceNameInOtherCase() {
        String deny = DOCUMENTED.replace("\"Allow\"", "\"Deny\"").replace("ForPodIdentity", "Deny");
        String otherCase = DOCUMENTED.replace("pods.eks", "PODS.EKS").replace("ForPodIdentity", "Upper");

        TrustEdit edit = parse(document(deny, otherCase)).ensurePodIdentity();

        assertThat(edit.changed()).isTrue();
        assertThat(edit.notes()).anySatisfy(note -> assertThat(note).contains("denies pods.eks.amazonaws.com"));
    }

    @Test
    void aWildcardServicePrincipalIsReportedButNotCounted() {
        String anyService = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"*\"},\"Action\":\"sts:*\"}";

        TrustEdit edit = parse(document(anyService)).ensurePodIdentity();

        assertThat(edit.changed()).isTrue();
        assertThat(edit.notes().get(0)).contains("trusts every principal");
    }

    @Test
    void reportsTheSizeTheEditReaches() {
        TrustEdit edit = parse(document()).ensurePodIdentity();

        assertThat(edit.policy().size()).isEqualTo(document(DOCUMENTED).length());
        assertThat(edit.notes()).containsExactly("added statement AllowEksAuthToAssumeRoleForPodIdentity "
                + "(pods.eks.amazonaws.com: sts:AssumeRole, sts:TagSession); the policy grows from "
                + document().length() + " to " + document(DOCUMENTED).length() + " characters");
        assertThat(edit.fitsQuota(2048)).isTrue();
        assertThat(edit.charactersOver(100)).isEqualTo(document(DOCUMENTED).length() - 100);
    }
}
