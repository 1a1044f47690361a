package dev.pim.migration.trust;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.pim.migration.trust.Policies.PROVIDER;
import static dev.pim.migration.trust.Policies.document;
import static dev.pim.migration.trust.Policies.irsa;
import static dev.pim.migration.trust.Policies.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OidcSubjectRemovalTest {
    private static final String EC2 =
            "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}";

    @Test
    void removesOnlyTheMigratedSubjectAndKeepsTheListShape() {
        TrustPolicy policy = parse(document(irsa("StringEquals", "[\"system:serviceaccount:a:x\",\"system:serviceaccount:a:y\"]")));

        TrustEdit edit = policy.removeOidcSubjects(PROVIDER, Set.of("system:serviceaccount:a:x"));

        assertThat(edit.changed()).isTrue();
        assertThat(edit.policy().render())
                .isEqualTo(document(irsa("StringEquals", "[\"system:serviceaccount:a:y\"]")));
    }

    @Test
    void dropsAStatementOnlyWhenNoSubjectIsLeft() {
        TrustPolicy policy = parse(document(irsa("StringLike", "\"system:serviceaccount:a:x\""), EC2));

        TrustEdit edit = policy.removeOidcSubjects(PROVIDER, List.of("system:serviceaccount:a:x"));

        assertThat(edit.policy().render()).isEqualTo(document(EC2));
    }

    @Test
    void dropsTheWholeStatementWhenOneOfTwoAndedSubjectListsEmpties() {
        // Both lists must match; with one emptied the statement admits no one, and dropping only that key
        // would leave the StringLike list admitting the whole namespace.
        String anded = irsa("StringEquals", "\"system:serviceaccount:a:x\"")
                .replace("}}}", "},\"StringLike\":{\"" + Policies.KEY + ":sub\":\"system:serviceaccount:a:*\"}}}");
        TrustPolicy policy = parse(document(anded, EC2));

        TrustEdit edit = policy.removeOidcSubjects(PROVIDER, List.of("system:serviceaccount:a:x"));

        assertThat(edit.policy().render()).isEqualTo(document(EC2));
    }

    @Test
    void refusesToLeaveNoStatementAndKeepsThePolicy() {
        TrustPolicy policy = parse(document(irsa("StringEquals", "\"system:serviceaccount:a:x\"")));

        TrustEdit edit = policy.removeOidcSubjects(PROVIDER, List.of("system:serviceaccount:a:x"));

        assertThat(edit.refused()).isTrue();
        assertThat(edit.changed()).isFalse();
        assertThat(edit.policy()).isSameAs(policy);
        assertThat(edit.refusal()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("removing system:serviceaccount:a:x would remove every statement"));
    }

    @Test
    void matchesTheProviderArnExactlyNotBySubstring() {
        String longer = irsa("StringEquals", "\"system:serviceaccount:a:x\"").replace(PROVIDER, PROVIDER + "0");
        TrustPolicy policy = parse(document(longer, EC2));

        TrustEdit edit = policy.removeOidcSubjects(PROVIDER, List.of("system:serviceaccount:a:x"));

        assertThat(edit.changed()).isFalse();
        assertThat(edit.notes()).first().asString().startsWith("no statement trusts " + PROVIDER);
    }

    @Test
    void leavesAStatementWhoseActionIsNotWebIdentity() {
        String assumeRole = irsa("StringEquals", "\"system:serviceaccount:a:x\"")
                .replace("sts:AssumeRoleWithWebIdentity", "sts:AssumeRole");

        TrustEdit edit = parse(document(assumeRole, EC2)).removeOidcSubjects(PROVIDER, List.of("system:serviceaccount:a:x"));

        assertThat(edit.changed()).isFalse();
        assertThat(edit.notes().get(0)).isEqualTo("statement 1 does not allow sts:AssumeRoleWithWebIdentity; left untouched");
    }

    @Test
    void rejectsAnArnThatIsNotAnOidcProvider() {
        TrustPolicy policy = parse(document(EC2));

        assertThatThrownBy(() -> policy.removeOidcSubjects("arn:aws:iam::1:role/x", List.of("s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IAM OIDC provider ARN: arn:aws:iam::1:role/x");
        assertThatThrownBy(() -> policy.removeOidcSubjects(PROVIDER, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheProviderUrlAndAccountFromItsArn() {
        OidcProvider provider = OidcProvider.parse(PROVIDER);

        assertThat(provider.account()).isEqualTo("111122223333");
        assertThat(provider.subjectKey()).isEqualTo(Policies.KEY + ":sub");
    }
}
