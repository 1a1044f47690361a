package dev.pim.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleArnTest {

    @Test
    void roleWithAPathKeepsThePathAndNamesTheLastSegment() {
        RoleArn arn = RoleArn.parse("arn:aws:iam::111122223333:role/teams/payments/ledger");
        assertThat(arn.name()).isEqualTo("ledger");
        assertThat(arn.path()).isEqualTo("/teams/payments/");
        assertThat(arn.accountId()).isEqualTo("111122223333");
        assertThat(arn).hasToString("arn:aws:iam::111122223333:role/teams/payments/ledger");
    }

    @Test
    void otherPartitionsParse() {
        assertThat(RoleArn.parse("arn:aws-cn:iam::111122223333:role/x").partition()).isEqualTo("aws-cn");
        assertThat(RoleArn.parse(" arn:aws-us-gov:iam::111122223333:role/x ").partition()).isEqualTo("aws-us-gov");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "apps-api-role|it is not an ARN",
            "arn:aws:iam::111122223333:user/bob|names an IAM user, not a role",
            "arn:aws:s3:::bucket/key|it is a s3 ARN, not an IAM one",
            "arn:aws:iam::1111:role/x|the account id '1111' is not 12 digits",
            "arn:aws:iam::111122223333|six ':'-separated parts",
            "arn:aws:iam::111122223333:role/bad name|the role name or path is not valid",
    })
    void unusableArnsSayWhatIsWrong(String text, String reason) {
        assertThatThrownBy(() -> RoleArn.parse(text))
                .isInstanceOf(InvalidRoleArnException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void emptyAnnotationIsRefused() {
        assertThatThrownBy(() -> RoleArn.parse("  ")).hasMessageContaining("empty");
    }
}
