package dev.pim.local.iam;

import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.RoleState;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamTrustPolicyTest {
    static final String DEMO_ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    /** An account whose trust-policy quota was raised to 4096, with one service-linked role. */
    static final String RAISED_QUOTA_FIXTURE = """
            accounts:
              - id: "444455556666"
                assumeRolePolicySizeQuota: 4096
                credentials: [{accessKeyId: test, secretAccessKey: test}]
                roles:
                  - name: app
                    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
                  - name: AWSServiceRoleForAmazonEKS
                    path: /aws-service-role/eks.amazonaws.com/
                    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: eks.amazonaws.com}, Action: sts:AssumeRole}]}
            """;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final IamClient iam = AwsClients.iam(cloud);

    @Test
    void invalidJsonIsMalformedPolicyDocument() {
        assertMalformed("{\"Version\": \"2012-10-17\", \"Statement\": [", "This policy contains invalid Json");
        assertMalformed("{\"Version\": \"2012-10-17\"} trailing", "This policy contains invalid Json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no Statement           | {"Version":"2012-10-17"}                                                                                             | Syntax errors in policy.
            empty Statement list   | {"Version":"2012-10-17","Statement":[]}                                                                              | Syntax errors in policy.
            unknown top-level field| {"Version":"2012-10-17","Statment":[],"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}     | Syntax errors in policy.
            unknown Version        | {"Version":"2012-10-18","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}                   | Syntax errors in policy.
            Effect not Allow/Deny  | {"Version":"2012-10-17","Statement":[{"Effect":"Permit","Principal":"*","Action":"sts:AssumeRole"}]}                  | Syntax errors in policy.
            no Action              | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*"}]}                                            | Policy statement must contain actions.
            no Principal           | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}                                  | The passed in policy has a statement with no principals!
            Resource in trust      | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}]}     | Has prohibited field Resource
            NotPrincipal in Allow  | {"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]} | Syntax errors in policy.
            """)
    void grammarErrorsAreMalformedPolicyDocument(String problem, String document, String message) {
        assertMalformed(document, message);
    }

    @Test
    void aFederatedPrincipalNamingAMissingOidcProviderIsAnInvalidPrincipal() {
        String provider = "arn:aws:iam::" + DEMO_ACCOUNT + ":oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/NOTCREATED";
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + provider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}";

        assertMalformed(document, "Invalid principal in policy: \"Federated\":\"" + provider + "\"");
    }

    @Test
    void anAwsPrincipalNamingAMissingRoleIsAnInvalidPrincipal() {
        String role = "arn:aws:iam::" + DEMO_ACCOUNT + ":role/deleted-long-ago";
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::"
                + DEMO_ACCOUNT + ":role/pim-operator\",\"" + role + "\"]},\"Action\":\"sts:AssumeRole\"}]}";

        assertMalformed(document, "Invalid principal in policy: \"AWS\":\"" + role + "\"");
    }

    @Test
    void principalsThatExistAreAccepted() {
        String provider = cloud.cloud().read(s -> s.account(DEMO_ACCOUNT).oidcProviders.keySet().iterator().next());
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + provider + "\",\"AWS\":\"arn:aws:iam::" + DEMO_ACCOUNT + ":role/platform/external-dns\"},"
                + "\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}";

        iam.updateAssumeRolePolicy(r -> r.roleName("checkout").policyDocument(document));

        assertThat(storedTrust(DEMO_ACCOUNT, "checkout")).isEqualTo(document);
    }

    /** IAM takes the old policy language, and reads a document without a Version as written in it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Version 2008-10-17 | {"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}
            no Version         | {"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}
            """)
    void theOldPolicyLanguageAndNoVersionAreAccepted(String version, String document) {
        iam.updateAssumeRolePolicy(r -> r.roleName("search").policyDocument(document));

        assertThat(storedTrust(DEMO_ACCOUNT, "search")).isEqualTo(document);
    }

    @Test
    void sendingBackTheStillEncodedDocumentFromGetRoleIsInvalidJson() {
        String encoded = iam.getRole(r -> r.roleName("orders-api")).role().assumeRolePolicyDocument();

        assertMalformed(encoded, "This policy contains invalid Json");
    }

    @Test
    void anUpdateRecordsWhenTheTrustChangedAndWhatItWasForPropagation() {
        String before = storedTrust(DEMO_ACCOUNT, "search");
        cloud.cloud().clock().advance(Duration.ofHours(1));
        Instant now = cloud.cloud().clock().now();
        String document = policyOfChargedLength(300);

        iam.updateAssumeRolePolicy(r -> r.roleName("search").policyDocument(document));

        RoleState role = cloud.cloud().read(s -> s.account(DEMO_ACCOUNT).role("search").orElseThrow());
        assertThat(role.trustPolicy).isEqualTo(document);
        assertThat(role.previousTrustPolicy).isEqualTo(before);
        assertThat(role.trustPolicyChangedAt).isBetween(now.minusSeconds(1), now.plusSeconds(5));
    }

    @Test
    void theDefaultQuotaAdmits2048ChargedCharactersAndRefusesOneMoreWith409() {
        iam.updateAssumeRolePolicy(r -> r.roleName("search").policyDocument(policyOfChargedLength(2048)));

        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("search").policyDocument(policyOfChargedLength(2049))))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for ACLSizePerRole: 2048");
                });
        assertThat(storedTrust(DEMO_ACCOUNT, "search")).isEqualTo(policyOfChargedLength(2048));
    }

    @Test
    void whitespaceOutsideStringsIsFreeButSpacesInsideStringsCount() {
        String indented = policyOfChargedLength(2048).replace(",", ",\n        ").replace("{", "{\n    ");
        assertThat(indented.length()).isGreaterThan(2100);

        iam.updateAssumeRolePolicy(r -> r.roleName("search").policyDocument(indented));
        assertThat(storedTrust(DEMO_ACCOUNT, "search")).isEqualTo(indented);

        String spaceInValue = policyOfChargedLength(2048).replace("\"pad\":\"", "\"pad\":\" ");
        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("search").policyDocument(spaceInValue)))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void aRaisedQuotaOf4096IsEnforcedAndNamedInTheError() {
        cloud.cloud().reset(FixtureLoader.parse("raised-quota.yaml", RAISED_QUOTA_FIXTURE));

        iam.updateAssumeRolePolicy(r -> r.roleName("app").policyDocument(policyOfChargedLength(4096)));
        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("app").policyDocument(policyOfChargedLength(4097))))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Cannot exceed quota for ACLSizePerRole: 4096"));
        assertThat(storedTrust(OTHER_ACCOUNT, "app")).isEqualTo(policyOfChargedLength(4096));
    }

    @Test
    void createRoleAppliesTheSameChecks() {
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("too-big").assumeRolePolicyDocument(policyOfChargedLength(2049))))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("bad").assumeRolePolicyDocument("{}")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        boolean created = cloud.cloud().read(s -> s.account(DEMO_ACCOUNT).role("too-big").isPresent());
        assertThat(created).isFalse();
    }

    @Test
    void serviceLinkedRolesAreOnlyModifiableByAws() {
        cloud.cloud().reset(FixtureLoader.parse("raised-quota.yaml", RAISED_QUOTA_FIXTURE));
        String name = "AWSServiceRoleForAmazonEKS";
        String message = "Cannot perform the operation on the protected role '" + name + "' - this role is only modifiable by AWS";

        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(policyOfChargedLength(300))))
                .isInstanceOfSatisfying(UnmodifiableEntityException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName(name))).isInstanceOf(UnmodifiableEntityException.class);
        assertThatThrownBy(() -> iam.tagRole(r -> r.roleName(name).tags(t -> t.key("k").value("v"))))
                .isInstanceOf(UnmodifiableEntityException.class);
        assertThat(iam.getRole(r -> r.roleName(name)).role().path()).isEqualTo("/aws-service-role/eks.amazonaws.com/");
    }

    /** A compact (whitespace-free) trust policy of exactly {@code length} characters. */
    static String policyOfChargedLength(int length) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"pad\":\"";
        String tail = "\"}}}]}";
        return head + "a".repeat(length - head.length() - tail.length()) + tail;
    }

    private String storedTrust(String account, String role) {
        return cloud.cloud().read(s -> s.account(account).role(role).orElseThrow().trustPolicy);
    }

    private void assertMalformed(String document, String message) {
        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("search").policyDocument(document)))
                .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(message);
                });
    }
}
