package dev.pim.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installed AWS CLI (botocore) against the emulator's IAM and STS: it must parse every answer (get-role
 * prints the URL-encoded trust policy decoded to JSON) and surface errors with their codes. Skipped, with the
 * reason shown, where no {@code aws} executable is on the PATH.
 */
class AwsCliIamStsConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "111122223333";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private static final Optional<Path> AWS = onPath("aws");

    /** What one CLI run printed and how it exited. */
    record CliRun(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }
    }

    /** Per test rather than per class, so that each skipped test is reported as skipped with the reason. */
    @BeforeEach
    void requireTheCli() {
        Assumptions.assumeTrue(AWS.isPresent(), "AWS CLI not installed: no 'aws' executable on PATH=" + System.getenv("PATH"));
    }

    @Test
    void getRolePrintsTheTrustPolicyDecodedToJson() throws Exception {
        String provider = cloud.cloud().read(s -> s.account(ACCOUNT).oidcProviders.keySet().iterator().next());

        CliRun run = aws(Map.of(), "iam", "get-role", "--role-name", "payments-api");

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

        CliRun run = aws(Map.of(), "iam", "list-roles");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().get("Roles")).hasSize(roles);
        assertThat(cloud.counters().count("iam:ListRoles")).isEqualTo((roles + 3) / 4);
    }

    @Test
    void updateAssumeRolePolicyOverTheQuotaSurfacesLimitExceeded() throws Exception {
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"pad\":\""
                + "a".repeat(2000) + "\"}}}]}";

        CliRun run = aws(Map.of(), "iam", "update-assume-role-policy", "--role-name", "search", "--policy-document", document);

        assertThat(run.exitCode()).isIn(254, 255);
        assertThat(run.stderr()).contains("An error occurred (LimitExceeded) when calling the UpdateAssumeRolePolicy "
                + "operation: Cannot exceed quota for ACLSizePerRole: 2048");
    }

    @Test
    void anUnknownRoleSurfacesNoSuchEntity() throws Exception {
        CliRun run = aws(Map.of(), "iam", "get-role", "--role-name", "nope");

        assertThat(run.exitCode()).isIn(254, 255);
        assertThat(run.stderr()).contains("An error occurred (NoSuchEntity) when calling the GetRole operation: "
                + "The role with name nope cannot be found.");
    }

    @Test
    void accountSummaryAndOidcProvidersParse() throws Exception {
        CliRun summary = aws(Map.of(), "iam", "get-account-summary");
        CliRun providers = aws(Map.of(), "iam", "list-open-id-connect-providers");

        assertThat(summary.json().at("/SummaryMap/AssumeRolePolicySizeQuota").asInt()).isEqualTo(2048);
        assertThat(providers.json().at("/OpenIDConnectProviderList/0/Arn").asText()).contains(":oidc-provider/oidc.eks.");
    }

    @Test
    void assumeRoleCredentialsWorkForTheNextCall() throws Exception {
        CliRun identity = aws(Map.of(), "sts", "get-caller-identity");
        assertThat(identity.json().get("Arn").asText()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/pim-operator/test");

        CliRun assumed = aws(Map.of(), "sts", "assume-role", "--role-arn", "arn:aws:iam::" + ACCOUNT + ":role/pim-operator",
                "--role-session-name", "cli-session");
        assertThat(assumed.exitCode()).as(assumed.stderr()).isZero();
        JsonNode credentials = assumed.json().get("Credentials");
        assertThat(credentials.get("AccessKeyId").asText()).startsWith("ASIA");

        CliRun asSession = aws(Map.of("AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", credentials.get("SessionToken").asText()), "sts", "get-caller-identity");
        assertThat(asSession.json().get("Arn").asText()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/pim-operator/cli-session");
    }

    @Test
    void anUntrustedAssumeRoleSurfacesAccessDenied() throws Exception {
        CliRun run = aws(Map.of(), "sts", "assume-role", "--role-arn", "arn:aws:iam::" + ACCOUNT + ":role/payments-api",
                "--role-session-name", "cli-session");

        assertThat(run.exitCode()).isIn(254, 255);
        assertThat(run.stderr()).contains("An error occurred (AccessDenied) when calling the AssumeRole operation");
    }

    /** Runs the CLI with only the demo key and region configured: no profile, config or credentials files. */
    private static CliRun aws(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.orElseThrow().toString(), "--endpoint-url", cloud.endpoint().toString(),
                "--output", "json"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("AWS_"));
        env.putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-west-2",
                "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_PAGER", "",
                "AWS_EC2_METADATA_DISABLED", "true"));
        env.putAll(new HashMap<>(extraEnv));
        Path stdout = Files.createTempFile("aws-cli", ".out");
        Path stderr = Files.createTempFile("aws-cli", ".err");
        try {
            Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish within 120 s");
            }
            return new CliRun(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static Optional<Path> onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, executable))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
