package dev.pim.migration.trust;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class WildcardsTest {
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "*, '', true",
            "*, anything, true",
            "?, '', false",
            "?, a, true",
            "a*c, abbbc, true",
            "a*c, abbbcd, false",
            "*ab, aab, true",
            "a*b*c, a-b-x-c, true",
            "a*b*c, a-c-b, false",
            "sts:*, sts:AssumeRole, true",
            "sts:Assume?ole, sts:AssumeRole, true",
            "sts:AssumeRole, sts:AssumeRoleWithWebIdentity, false",
    })
    void matchesLikeIam(String pattern, String value, boolean matches) {
        assertThat(Wildcards.matches(pattern, value, false)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} ~ {1} ignoring case")
    @CsvSource({"STS:assumerole, sts:AssumeRole", "Sts:*, sts:TagSession"})
    void matchesIgnoringCaseWhenAsked(String pattern, String value) {
        assertThat(Wildcards.matches(pattern, value, true)).isTrue();
        assertThat(Wildcards.matches(pattern, value, false)).isFalse();
    }
}
