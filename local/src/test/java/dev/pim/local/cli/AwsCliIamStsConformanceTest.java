package dev.pim.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.cli.AwsCli.Run;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installed AWS CLI (botocore) against the emulator's IAM and STS: it must parse every answer (get-role
 * prints the URL-encoded trust policy decoded to JSON) and surface errors with their codes. Skipped, with the
 * reason shown, where no {@code aws} executable is on the PATH.
 */
class AwsCliIamStsConformanceTest {
    private static final String ACCOUNT = "111122223333";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private static final boolean AWS_CLI_INSTALLED = AwsCli.installed();

    /** Per test rather than per class, so that each skipped test is reported as skipped with the reason. */
    @BeforeEach
    void requireTheCli() {
        Assumptions.assumeTrue(AWS_CLI_INSTALLED, "AWS CLI not installed: no 'aws' executable on PATH=" + System.getenv("PATH"));
    }

    @Test
    void getRolePrintsTheTrustPolicyDecodedToJson() throws Exception {
        String provider = cloud.cloud().read(s -> s.account(ACCOUNT).oidcProviders.keySet().iterator().next());

        Run run = aws(Map.of(), "iam", "get-role", "--role-name", "payments-api");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode role = run.json().get("Role");
        assertThat(role.get("Arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/payments-api");
        assertThat(role.get("AssumeRolePolicyDocument").isObject()).isTrue();
        assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Principal/Federated").asText()).isEqualTo(provider);
        assertThat(role.at("/Tags/0/Key").asText()).isEqualTo("team");
    }

    @Test
    void listRolesFollowsShortPagesToTheEnd() throws Exception {
        cloud.cloud().write(s -> s.behaviour.listRolesPageCap = 4);
        int roles = cloud.cloud().read(s -> s.account(ACCOUNT).rolesInListingOrder().size());

        Run run = aws(Map.of(), "iam", "list-roles");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().get("Roles")).hasSize(roles);
        assertThat(cloud.counters().count("iam:ListRoles")).isEqualTo((roles + 3) / 4);
    }

    @Test
    void updateAssumeRolePolicyOverTheQuotaSurfacesLimitExceeded() throws Exception {
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"pad\":\""
                + "a".repeat(2000) + "\"}}}]}";

        Run run = aws(Map.of(), "iam", "update-assume-role-policy", "--role-name", "search", "--policy-document", document);

        assertThat(run.exitCode()).isIn(254, 255);
        assertThat(run.stderr()).contains("An error occurred (LimitExceeded) when calling the UpdateAssumeRolePolicy "
                + "operation: Cannot exceed quota for ACLSizePerRole: 2048");
    }

    @Test
    void anUnknownRoleSurfacesNoSuchEntity() throws Exception {
        Run run = aws(Map.of(), "iam", "get-role", "--role-name", "nope");

        assertThat(run.exitCode()).isIn(254, 255);
        assertThat(run.stderr()).contains("An error occurred (NoSuchEntity) when calling the GetRole operation: "
                + "The role with name nope cannot be found.");
    }

    @Test
    void accountSummaryAndOidcProvidersParse() throws Exception {
        Run summary = aws(Map.of(), "iam", "get-account-summary");
        Run providers = aws(Map.of(), "iam", "list-open-id-connect-providers");

        assertThat(summary.json().at("/SummaryMap/AssumeRolePolicySizeQuota").asInt()).isEqualTo(2048);
        assertThat(providers.json().at("/OpenIDConnectProviderList/0/Arn").asText()).contains(":oidc-provider/oidc.eks.");
    }

    @Test
    void assumeRoleCredentialsWorkForTheNextCall() throws Exception {
        Run identity = aws(Map.of(), "sts", "get-caller-identity");
        assertThat(identity.json().get("Arn").asText()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/pim-operator/test");

        Run assumed = aws(Map.of(), "sts", "assume-role", "--role-arn", "arn:aws:iam::" + ACCOUNT + ":role/pim-operator",
                "--role-session-name", "cli-session");
        assertThat(assumed.exitCode()).as(assumed.stderr()).isZero();
        JsonNode credentials = assumed.json().get("Credentials");
        assertThat(credentials.get("AccessKeyId").asText()).startsWith("ASIA");

        Run asSession = aws(Map.of("AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", credentials.get("SessionToken").asText()), "sts", "get-caller-identity");
        assertThat(asSession.json().get("Arn").asText()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/pim-operator/cli-session");
    }

    @Test
    void anUntrustedAssumeRoleSurfacesAccessDenied() throws Exception {
        Run run = aws(Map.of(), "sts", "assume-role", "--role-arn", "arn:aws:iam::" + ACCOUNT + ":role/payments-api",
                "--role-session-name", "cli-session");

        assertThat(run.exitCode()).isIn(254, 255);
        assertThat(run.stderr()).contains("An error occurred (AccessDenied) when calling the AssumeRole operation");
    }

    private static Run aws(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return AwsCli.run(cloud, env, args);
    }
}
