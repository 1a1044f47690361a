package dev.pim.migration.trust;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pim.migration.trust.Policies.ROLE;
import static dev.pim.migration.trust.Policies.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustPolicyTest {
    private static final String EC2 =
            "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}";

    @Test
    void decodesTheUrlEncodedDocumentIamReturns() {
        String encoded = "%7B%0A%20%20%22Sid%22%3A%20%22a%2Bb%22%2C%22k%22%3A%22x%2Fy%2A%22%7D";

        assertThat(TrustPolicy.decodeIam(encoded)).isEqualTo("{\n  \"Sid\": \"a+b\",\"k\":\"x/y*\"}");
    }

    @Test
    void namesTheRoleLineAndColumnWhenTheTextIsNotJson() {
        assertThatThrownBy(() -> TrustPolicy.parse("arn:aws:iam::1:role/x", "{\n  \"Version\": \"2012-10-17\"\n  }x"))
                .isInstanceOf(TrustPolicyException.class)
                .hasMessageStartingWith("role arn:aws:iam::1:role/x: trust policy is not valid JSON: ")
                .hasMessageContaining("at line 3 column");
    }

    @Test
    void refusesAStatementEntryThatIsNotAnObject() {
        assertThatThrownBy(() -> parse(Policies.document(EC2, "\"x\"")))
                .isInstanceOf(TrustPolicyException.class)
                .hasMessage("role " + ROLE + ": statement 2 must be an object, found a string");
    }

    @Test
    void refusesAVersionThatIsNotAString() {
        assertThatThrownBy(() -> parse("{\"Version\":2012,\"Statement\":[]}"))
                .hasMessage("role " + ROLE + ": trust policy: Version must be a string, found a number");
    }

    @Test
    void readsEveryElementOfAStatement() {
        TrustPolicy policy = parse("{\"Statement\":{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":[\"arn:aws:iam::1:root\",\"arn:aws:iam::2:root\"],\"Service\":\"ec2.amazonaws.com\"},"
                + "\"NotAction\":[\"sts:TagSession\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":true}}}}");

        Statement statement = policy.statements().get(0);
        assertThat(policy.statementIsList()).isFalse();
        assertThat(statement.sid()).contains("S");
        assertThat(statement.principalValues("AWS")).containsExactly("arn:aws:iam::1:root", "arn:aws:iam::2:root");
        assertThat(statement.principalValues("Service")).containsExactly("ec2.amazonaws.com");
        assertThat(statement.notAction().orElseThrow().texts()).containsExactly("sts:TagSession");
        assertThat(statement.condition().orElseThrow().blocks().get(0).entries().get(0).values().items())
                .containsExactly(new JsonScalar(JsonScalar.Kind.BOOLEAN, "true"));
    }

    @Test
    void theModelCannotBeChangedFromOutside() {
        TrustPolicy policy = parse(Policies.document(EC2));

        assertThatThrownBy(() -> policy.statements().add(policy.statements().get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> policy.layout().keys().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sizeIgnoresWhitespaceAndCountsCharacters() {
        TrustPolicy spaced = parse("{ \"Version\" : \"2012-10-17\" ,\n\t\"Statement\" : [ ] }");

        assertThat(spaced.render()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        assertThat(spaced.size()).isEqualTo(39);
        assertThat(parse("{\"Statement\":[],\"Id\":\"é\"}").size()).isEqualTo(25);
    }

    @Test
    void aPolicyExactlyAtTheQuotaFits() {
        TrustPolicy policy = parse(Policies.document(EC2));
        int size = policy.size();

        assertThat(policy.fitsQuota(size)).isTrue();
        assertThat(policy.charactersOver(size)).isZero();
        assertThat(policy.fitsQuota(size - 1)).isFalse();
        assertThat(policy.charactersOver(size - 10)).isEqualTo(10);
    }

    @Test
    void escapesStringsWhenRendering() {
        TrustPolicy policy = parse("{\"Id\":\"quote \\\" backslash \\\\ tab \\t\",\"Statement\":[]}");

        assertThat(policy.id()).contains("quote \" backslash \\ tab \t");
        assertThat(policy.render()).isEqualTo("{\"Id\":\"quote \\\" backslash \\\\ tab \\t\",\"Statement\":[]}");
    }

    @Test
    void aSingleStatementObjectBecomesAListWhenStatementsAreAdded() {
        TrustPolicy single = parse("{\"Statement\":" + EC2 + "}");

        TrustPolicy two = single.withStatements(List.of(single.statements().get(0), single.statements().get(0)));

        assertThat(single.withStatements(single.statements()).render()).isEqualTo(single.render());
        assertThat(two.render()).isEqualTo("{\"Statement\":[" + EC2 + "," + EC2 + "]}");
    }
}
