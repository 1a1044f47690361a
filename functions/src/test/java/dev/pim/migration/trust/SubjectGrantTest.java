package dev.pim.migration.trust;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectGrantTest {
    private static SubjectGrant grant(String operator, String subject) {
        return new SubjectGrant("statement 1", Optional.of(operator), subject);
    }

    @Test
    void stringLikePatternsUseStarAndQuestionMark() {
        SubjectGrant pattern = grant("StringLike", "system:serviceaccount:jobs:etl-?");

        assertThat(pattern.isPattern()).isTrue();
        assertThat(pattern.matches("jobs", "etl-1")).isTrue();
        assertThat(pattern.matches("jobs", "etl-10")).isFalse();
        assertThat(grant("StringLike", "system:serviceaccount:*:default").matches("any-ns", "default")).isTrue();
        assertThat(grant("ForAnyValue:StringLikeIfExists", "system:serviceaccount:jobs:*").matches("jobs", "x")).isTrue();
    }

    @Test
    void stringEqualsTakesStarLiterally() {
        SubjectGrant literal = grant("StringEquals", "system:serviceaccount:jobs:*");

        assertThat(literal.isPattern()).isFalse();
        assertThat(literal.matches("jobs", "etl")).isFalse();
        assertThat(literal.matches("jobs", "*")).isTrue();
    }

    @Test
    void caseMattersUnlessTheOperatorIgnoresIt() {
        assertThat(grant("StringEquals", "system:serviceaccount:Jobs:etl").matches("jobs", "etl")).isFalse();
        assertThat(grant("StringLike", "system:serviceaccount:Jobs:*").matches("jobs", "etl")).isFalse();
        assertThat(grant("StringEqualsIgnoreCase", "system:serviceaccount:Jobs:ETL").matches("jobs", "etl")).isTrue();
    }

    @Test
    void aStatementWithoutSubjectConditionAdmitsEveryServiceAccount() {
        SubjectGrant unrestricted = SubjectGrant.unrestricted("statement 3");

        assertThat(unrestricted.isUnrestricted()).isTrue();
        assertThat(unrestricted.matches("kube-system", "anything")).isTrue();
        assertThat(unrestricted.serviceAccount()).isEmpty();
    }

    @Test
    void splitsServiceAccountSubjectsIntoNamespaceAndName() {
        assertThat(grant("StringLike", "system:serviceaccount:jobs:*").serviceAccount())
                .contains(new ServiceAccountSubject("jobs", "*"));
        assertThat(ServiceAccountSubject.parse("repo:org/x:ref:main")).isEmpty();
        assertThat(ServiceAccountSubject.parse("system:serviceaccount:a:b:c")).isEmpty();
    }

    @Test
    void negatedOperatorsAreNotSubjectLists() {
        assertThat(ConditionOperator.parse("StringNotEquals").admitsListedValues()).isFalse();
        assertThat(ConditionOperator.parse("StringNotLikeIfExists").admitsListedValues()).isFalse();
        assertThat(ConditionOperator.parse("ForAllValues:StringEqualsIgnoreCaseIfExists"))
                .isEqualTo(new ConditionOperator("ForAllValues:StringEqualsIgnoreCaseIfExists", "ForAllValues",
                        "StringEqualsIgnoreCase", true));
    }
}
