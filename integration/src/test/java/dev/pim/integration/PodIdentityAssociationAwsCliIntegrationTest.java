package dev.pim.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.InvariantsNotEnforced;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The acceptance run as a new user tries it, with the AWS CLI (either major version) as the observer against the
 * local cloud's endpoint: create from flags, the role and the association seen by {@code aws iam} and
 * {@code aws eks}, update, delete. Skipped, with the reason, where no {@code aws} is on the PATH.
 */
@ExtendWith(TestCredentials.class)
@InvariantsNotEnforced("creating an association gives a service account a role it did not have: that is what the user "
        + "asks for here, whereas the monitor guards the migration, which must never widen access")
class PodIdentityAssociationAwsCliIntegrationTest {

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @BeforeAll
    static void awsCliOnPath() {
        assumeTrue(awsVersion() != null, "no aws CLI on the PATH: the AWS CLI observer test is skipped (the SDK-observed "
                + "PodIdentityAssociationIntegrationTest covers the same behaviour)");
    }

    @Test
    void createUpdateAndDeleteSeenThroughTheAwsCli() throws Exception {
        CliRun create = pim("create", "podidentityassociation", "--cluster", "demo", "--namespace", "default",
                "--service-account-name", "s3-reader", "--permission-policy-arns",
                PodIdentityAssociationIntegrationTest.S3_READ);
        assertThat(create.exitCode()).as(create.err()).isZero();

        JsonNode listed = aws("eks", "list-pod-identity-associations", "--cluster-name", "demo", "--namespace", "default",
                "--service-account", "s3-reader").get("associations");
        assertThat(listed).hasSize(1);
        String id = listed.get(0).get("associationId").asText();
        String roleArn = aws("eks", "describe-pod-identity-association", "--cluster-name", "demo", "--association-id", id)
                .get("association").get("roleArn").asText();
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        JsonNode role = aws("iam", "get-role", "--role-name", roleName).get("Role");
        // Both CLI versions decode the trust policy into JSON.
        assertThat(role.get("AssumeRolePolicyDocument").toString()).contains("pods.eks.amazonaws.com")
                .contains("sts:TagSession");
        assertThat(aws("iam", "list-attached-role-policies", "--role-name", roleName).get("AttachedPolicies").get(0)
                .get("PolicyArn").asText()).isEqualTo(PodIdentityAssociationIntegrationTest.S3_READ);

        CliRun update = pim("update", "podidentityassociation", "--cluster", "demo", "--namespace", "default",
                "--service-account-name", "s3-reader", "--role-arn", sharedRole());
        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(aws("eks", "describe-pod-identity-association", "--cluster-name", "demo", "--association-id", id)
                .get("association").get("roleArn").asText()).isEqualTo(sharedRole());

        CliRun delete = pim("delete", "podidentityassociation", "--cluster", "demo", "--namespace", "default",
                "--service-account-name", "s3-reader");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(aws("eks", "list-pod-identity-associations", "--cluster-name", "demo").get("associations")).isEmpty();
        assertThat(awsFailure("iam", "get-role", "--role-name", roleName)).contains("NoSuchEntity");
    }

    /** A role of the user's that trusts Pod Identity (made with the SDK: the AWS CLI observes, it does not set up). */
    private static String sharedRole() {
        try (var iam = PodIdentityAssociationIntegrationTest.iam(cloud)) {
            if (iam.listRoles().roles().stream().noneMatch(r -> r.roleName().equals("pods-shared"))) {
                iam.createRole(r -> r.roleName("pods-shared")
                        .assumeRolePolicyDocument(PodIdentityAssociationIntegrationTest.POD_IDENTITY_TRUST));
            }
        }
        return "arn:aws:iam::" + PodIdentityAssociationIntegrationTest.ACCOUNT + ":role/pods-shared";
    }

    private static CliRun pim(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--region", "us-west-2", "--endpoint-url", cloud.endpoint().toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** {@code aws <args> --output json} against the local cloud, as the README's snippet sets it up. */
    private static JsonNode aws(String... args) throws IOException, InterruptedException {
        Ran ran = run(args);
        assertThat(ran.code()).as(ran.command() + ": " + ran.err()).isZero();
        return ran.out().isBlank() ? new ObjectMapper().createObjectNode() : new ObjectMapper().readTree(ran.out());
    }

    /** What the AWS CLI prints on stderr for a call that must fail. */
    private static String awsFailure(String... args) throws IOException, InterruptedException {
        Ran ran = run(args);
        assertThat(ran.code()).as(ran.command()).isNotZero();
        return ran.err();
    }

    private record Ran(String command, int code, String out, String err) {
    }

    private static Ran run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", cloud.endpoint().toString(), "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "us-west-2", "AWS_PAGER", ""));
        builder.environment().remove("AWS_PROFILE");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(String.join(" ", command), process.exitValue(), out, err);
    }

    private static String awsVersion() {
        try {
            Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? text.trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
