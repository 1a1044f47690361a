package dev.pim.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.cli.AwsCli.Run;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.RoleState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local EKS as another client sees it: the installed AWS CLI (botocore's own rest-json parser, path
 * encoding and error handling) against the emulator's HTTP endpoint, on the demo fixture.
 */
class AwsCliEksConformanceTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private static final String PAYMENTS_ROLE = "arn:aws:iam::111122223333:role/payments-api";
    private static final String POD_IDENTITY_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},
             "Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    private static final boolean AWS_CLI_INSTALLED = AwsCli.installed();

    /** Per test, not per class, so that every skipped test shows in the report with the reason. */
    @BeforeEach
    void requireTheAwsCli() {
        assumeTrue(AWS_CLI_INSTALLED, "the AWS CLI ('aws') is not installed, so its conformance is not checked");
    }

    @Test
    void describeClusterReadsTheClusterWithItsEpochSecondTimestamps() throws Exception {
        Run run = aws("eks", "describe-cluster", "--name", "demo");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode cluster = run.json().path("cluster");
        assertThat(cluster.path("name").asText()).isEqualTo("demo");
        assertThat(cluster.path("endpoint").asText()).isEqualTo(cloud.endpoint() + "/k8s/111122223333/us-west-2/demo");
        assertThat(cluster.path("identity").path("oidc").path("issuer").asText()).startsWith("https://oidc.eks.");
        // CLI v1 prints timestamps as they came on the wire (cli_timestamp_format "none"): epoch seconds.
        Instant createdAt = cloud.cloud().read(s -> s.cluster("111122223333", "us-west-2", "demo").orElseThrow().createdAt);
        assertThat(cluster.path("createdAt").isNumber()).isTrue();
        assertThat(cluster.path("createdAt").asDouble()).isCloseTo(createdAt.toEpochMilli() / 1000.0, within(0.001));
    }

    @Test
    void describeClusterOfAnUnknownClusterFailsWithResourceNotFound() throws Exception {
        Run run = aws("eks", "describe-cluster", "--name", "nope");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("ResourceNotFoundException").contains("No cluster found for name: nope.");
    }

    @Test
    void listAddonsListsTheDemoAddons() throws Exception {
        Run run = aws("eks", "list-addons", "--cluster-name", "demo");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.json().path("addons")).extracting(JsonNode::asText)
                .containsExactly("vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver");
    }

    @Test
    void aSecondAssociationForTheSameServiceAccountFailsWithResourceInUse() throws Exception {
        trustPodIdentity("payments-api");
        List<String> create = List.of("eks", "create-pod-identity-association", "--cluster-name", "demo",
                "--namespace", "payments", "--service-account", "payments-api", "--role-arn", PAYMENTS_ROLE);

        Run first = aws(create.toArray(String[]::new));
        Run second = aws(create.toArray(String[]::new));
        Run listed = aws("eks", "list-pod-identity-associations", "--cluster-name", "demo", "--namespace", "payments");

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        String id = first.json().path("association").path("associationId").asText();
        assertThat(id).matches("a-[a-z0-9]{17}");
        assertThat(second.exitCode()).isNotZero();
        assertThat(second.stderr()).contains("ResourceInUseException").contains("Association already exists: " + id);
        assertThat(listed.json().path("associations")).singleElement().satisfies(summary -> {
            assertThat(summary.path("associationId").asText()).isEqualTo(id);
            assertThat(summary.has("roleArn")).isFalse();
        });
    }

    @Test
    void updateAddonTakesPodIdentityAssociationsInShorthand() throws Exception {
        trustPodIdentity("demo-vpc-cni");

        Run update = aws("eks", "update-addon", "--cluster-name", "demo", "--addon-name", "vpc-cni",
                "--pod-identity-associations", "serviceAccount=aws-node,roleArn=arn:aws:iam::111122223333:role/demo-vpc-cni");
        Run addon = aws("eks", "describe-addon", "--cluster-name", "demo", "--addon-name", "vpc-cni");

        assertThat(update.exitCode()).as(update.stderr()).isZero();
        assertThat(update.json().path("update").path("type").asText()).isEqualTo("AddonUpdate");
        assertThat(addon.json().path("addon").path("podIdentityAssociations")).singleElement()
                .satisfies(arn -> assertThat(arn.asText()).contains(":podidentityassociation/demo/a-"));
    }

    @Test
    void addonDiscoveryCallsAnswerLikeEks() throws Exception {
        Run versions = aws("eks", "describe-addon-versions", "--addon-name", "aws-ebs-csi-driver",
                "--kubernetes-version", "1.31");
        Run configuration = aws("eks", "describe-addon-configuration", "--addon-name", "aws-ebs-csi-driver",
                "--addon-version", "v1.38.1-eksbuild.1");

        assertThat(versions.exitCode()).as(versions.stderr()).isZero();
        assertThat(versions.json().path("addons").get(0).path("addonVersions").get(0).path("addonVersion").asText())
                .isEqualTo("v1.38.1-eksbuild.1");
        assertThat(configuration.json().path("podIdentityConfiguration").get(0).path("serviceAccount").asText())
                .isEqualTo("ebs-csi-controller-sa");
    }

    @Test
    void accessEntriesAreAddressedByTheirPrincipalArn() throws Exception {
        String principal = "arn:aws:iam::111122223333:role/platform/external-dns";

        Run created = aws("eks", "create-access-entry", "--cluster-name", "demo", "--principal-arn", principal);
        Run described = aws("eks", "describe-access-entry", "--cluster-name", "demo", "--principal-arn", principal);

        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(described.exitCode()).as(described.stderr()).isZero();
        assertThat(described.json().path("accessEntry").path("principalArn").asText()).isEqualTo(principal);
    }

    private static void trustPodIdentity(String roleName) {
        cloud.cloud().write(state -> {
            RoleState role = state.account("111122223333").role(roleName).orElseThrow();
            role.trustPolicy = POD_IDENTITY_TRUST;
        });
    }

    private static Run aws(String... args) throws IOException, InterruptedException {
        return AwsCli.run(cloud, args);
    }
}
