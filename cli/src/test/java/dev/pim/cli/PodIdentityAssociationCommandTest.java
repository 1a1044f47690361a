package dev.pim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.pim.cli.Ran.pim;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pim get|create|update|delete podidentityassociation}: eksctl's flags parse to their values, and bad input is
 * refused with exit code 2 naming the flag or the file's path, before any AWS call (the endpoint given is closed, so
 * a call would fail with another code).
 */
class PodIdentityAssociationCommandTest {
    @TempDir
    Path dir;

    @Test
    void createsFlagsAreEksctls() {
        CreatePodIdentityAssociationCommand create = Ran.parsed("create", "podidentityassociation", "--cluster", "demo",
                "--namespace", "default", "--service-account-name", "s3-reader",
                "--permission-policy-arns", "arn:aws:iam::111122223333:policy/p1, arn:aws:iam::111122223333:policy/p2",
                "--well-known-policies", "autoScaler,externalDNS",
                "--permissions-boundary-arn", "arn:aws:iam::111122223333:policy/boundary",
                "--role-name", "mine", "--tags", "team=data,env=prod", "--dry-run");

        assertThat(create.cluster).isEqualTo("demo");
        assertThat(create.namespace).isEqualTo("default");
        assertThat(create.serviceAccountName).isEqualTo("s3-reader");
        assertThat(create.permissionPolicyArns).containsExactly("arn:aws:iam::111122223333:policy/p1",
                " arn:aws:iam::111122223333:policy/p2");
        assertThat(create.flagsAssociation().permissionPolicyArns()).containsExactly(
                "arn:aws:iam::111122223333:policy/p1", "arn:aws:iam::111122223333:policy/p2");
        assertThat(create.wellKnownPolicies).containsExactly("autoScaler", "externalDNS");
        assertThat(create.permissionsBoundaryArn).isEqualTo("arn:aws:iam::111122223333:policy/boundary");
        assertThat(create.roleName).isEqualTo("mine");
        assertThat(create.tags).isEqualTo(Map.of("team", "data", "env", "prod"));
        assertThat(create.dryRun).isTrue();
    }

    @Test
    void theResourceNameTakesEksctlsPluralToo() {
        GetPodIdentityAssociationCommand get = Ran.parsed("get", "podidentityassociations", "-c", "demo", "-o", "yaml");
        assertThat(get.output).isEqualTo(GetPodIdentityAssociationCommand.Format.yaml);
        UpdatePodIdentityAssociationCommand update = Ran.parsed("update", "podidentityassociation", "-c", "demo",
                "--namespace", "default", "--service-account-name", "s3-reader", "--role-arn",
                "arn:aws:iam::111122223333:role/new");
        assertThat(update.roleArn).isEqualTo("arn:aws:iam::111122223333:role/new");
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "create", "update", "delete"})
    void withoutAClusterOrAFileIsAUsageError(String verb) {
        Ran ran = run(verb, "--namespace", "default", "--service-account-name", "s3-reader");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim " + verb + " podidentityassociation: --cluster is required (or give the "
                + "associations in a ClusterConfig with -f)");
    }

    @Test
    void badFlagsAreRefusedNamingTheFlag() {
        assertUsage(run("create", "-c", "demo", "--namespace", "default", "--service-account-name", "s3-reader",
                        "--role-arn", "arn:aws:iam::111122223333:role/a", "--permission-policy-arns",
                        "arn:aws:iam::aws:policy/P"),
                "--permission-policy-arns: cannot be used together with roleARN");
        assertUsage(run("create", "-c", "demo", "--namespace", "default", "--service-account-name", "s3-reader",
                "--well-known-policies", "autoscaler"), "--well-known-policies: 'autoscaler' is not a well-known policy");
        assertUsage(run("create", "-c", "demo", "--service-account-name", "s3-reader", "--role-arn",
                "arn:aws:iam::111122223333:role/a"), "--namespace: is required");
        assertUsage(run("update", "-c", "demo", "--namespace", "default", "--service-account-name", "s3-reader"),
                "--role-arn: is required");
        assertUsage(run("create", "-c", "demo", "--namespace", "default", "--service-account-name", "s3-reader",
                "--role-arn", "arn:aws-cn:iam::111122223333:role/a"), "--role-arn: 'arn:aws-cn:iam::111122223333:role/a' "
                + "is in partition aws-cn, but the cluster is in aws");
        assertUsage(run("get", "-c", "demo", "--service-account-name", "s3-reader"),
                "--service-account-name needs --namespace");
        assertUsage(run("create", "-c", "demo", "--addon", "vpc-cni", "--namespace", "kube-system"),
                "--addon takes only --role-arn");
    }

    @Test
    void aConfigFileWithBadInputNamesTheFileAndThePath() throws IOException {
        Path config = write("bad.yaml", """
                apiVersion: eksctl.io/v1alpha5
                kind: ClusterConfig
                metadata: {name: demo, region: us-west-2}
                iam:
                  podIdentityAssociations:
                  - namespace: default
                    serviceAccountName: a
                    roleARN: arn:aws:iam::111122223333:role/a
                    permissionPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
                """);
        assertUsage(run("create", "-f", config.toString()), config + ": iam.podIdentityAssociations[0]"
                + ".permissionPolicyARNs: cannot be used together with roleARN");
    }

    @Test
    void aFileThatIsNotYamlOrNotThereIsNamed() throws IOException {
        Path config = write("broken.yaml", "apiVersion: [unclosed\n");
        assertUsage(run("create", "-f", config.toString()), config + ": line ");
        assertUsage(run("delete", "-f", dir.resolve("absent.yaml").toString()), "absent.yaml: no such file");
    }

    @Test
    void aFileAndFlagsTogetherOrDisagreeingAreRefused() throws IOException {
        Path config = write("ok.yaml", """
                apiVersion: eksctl.io/v1alpha5
                kind: ClusterConfig
                metadata: {name: demo, region: us-west-2}
                iam:
                  podIdentityAssociations:
                  - {namespace: default, serviceAccountName: a}
                """);
        assertUsage(run("delete", "-f", config.toString(), "--namespace", "default"), "either with -f");
        assertUsage(run("delete", "-f", config.toString(), "--cluster", "other"), "--cluster other and metadata.name demo");
    }

    @Test
    void aFileWithoutARegionTakesTheCommandLines() throws IOException {
        Path config = write("no-region.yaml", """
                apiVersion: eksctl.io/v1alpha5
                kind: ClusterConfig
                metadata: {name: demo}
                iam:
                  podIdentityAssociations:
                  - {namespace: default, serviceAccountName: a}
                """);
        Ran ran = pim("delete", "podidentityassociation", "-f", config.toString(), "--region", "eu-west-1",
                "--endpoint-url", Ran.closedEndpoint());
        // Past the input checks: the call to the closed endpoint is what fails.
        assertThat(ran.code()).as(ran.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(ran.err()).doesNotContain("metadata.region");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** {@code pim <verb> podidentityassociation <args>} against an endpoint where nothing listens. */
    private static Ran run(String verb, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(verb, "podidentityassociation"));
        all.addAll(List.of(args));
        if (!all.contains("-f")) {
            all.addAll(List.of("--region", "us-west-2"));
        }
        all.addAll(List.of("--endpoint-url", Ran.closedEndpoint()));
        return pim(all.toArray(String[]::new));
    }

    private static void assertUsage(Ran ran, String message) {
        assertThat(ran.code()).as(ran.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains(message);
    }
}
