package dev.pim.migration.association;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pim.migration.ServiceAccountRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** eksctl ClusterConfig files (data files in association-configs/): what is read, and each refusal with its path. */
class ClusterConfigReaderTest {

    @Test
    void readsTheSeedsExampleWithEveryAssociationField() {
        ClusterConfig config = read("eksctl-example.yaml", Purpose.CREATE);

        assertThat(config.clusterName()).isEqualTo("my-cluster");
        assertThat(config.region()).isEqualTo("us-west-2");
        assertThat(config.associations()).extracting(AssociationRequest::serviceAccount).containsExactly(
                new ServiceAccountRef("default", "s3-reader"), new ServiceAccountRef("dev", "app-cache-access"),
                new ServiceAccountRef("dev", "sqs-writer"));
        AssociationRequest s3 = config.associations().get(0);
        assertThat(s3.createsRole()).isTrue();
        assertThat(s3.permissionPolicyArns()).containsExactly("arn:aws:iam::111122223333:policy/permission-policy-1",
                "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        // certManager: false is not asked for.
        assertThat(s3.wellKnownPolicies()).containsExactly(WellKnownPolicy.AUTO_SCALER, WellKnownPolicy.EXTERNAL_DNS);
        assertThat(s3.permissionsBoundaryArn()).isEqualTo("arn:aws:iam::111122223333:policy/permissions-boundary");
        assertThat(s3.tags()).isEqualTo(Map.of("team", "data"));
        assertThat(config.associations().get(1).roleArn()).isEqualTo("arn:aws:iam::111122223333:role/app-cache");
        assertThat(config.associations().get(1).createsRole()).isFalse();
        AssociationRequest sqs = config.associations().get(2);
        assertThat(sqs.roleName()).isEqualTo("sqs-writer-role");
        assertThat(sqs.permissionPolicy()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"sqs:SendMessage\"],\"Resource\":\"*\"}]}");
    }

    @Test
    void deleteAndGetReadOnlyTheServiceAccountsSoCreatesFileCanBeReused() {
        ClusterConfig config = read("role-arn-with-policies.yaml", Purpose.SELECT);

        assertThat(config.associations()).singleElement()
                .satisfies(a -> assertThat(a).isEqualTo(AssociationRequest.of(new ServiceAccountRef("default", "a"))));
    }

    @Test
    void updateTakesOnlyRoleArns() {
        assertThatThrownBy(() -> read("eksctl-example.yaml", Purpose.UPDATE))
                .isInstanceOf(AssociationInputException.class)
                .hasMessage("eksctl-example.yaml: iam.podIdentityAssociations[0].roleARN: is required: update gives "
                        + "existing associations another role");
    }

    @Test
    void theRegionOfTheCommandLineIsUsedWhenTheFileHasNone() {
        assertThat(ClusterConfigReader.read(yaml("no-region.yaml"), "no-region.yaml", Purpose.CREATE, "eu-west-1")
                .region()).isEqualTo("eu-west-1");
        assertThatThrownBy(() -> read("no-region.yaml", Purpose.CREATE)).hasMessage("no-region.yaml: metadata.region: "
                + "is required (or pass --region)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-field.yaml              | iam.podIdentityAssociations[1].roleArn                 | unknown field (expected one of namespace, permissionPolicy, permissionPolicyARNs, permissionsBoundaryARN, roleARN, roleName, serviceAccountName, tags, wellKnownPolicies)
            role-arn-with-policies.yaml     | iam.podIdentityAssociations[0].permissionPolicyARNs    | cannot be used together with roleARN
            missing-namespace.yaml          | iam.podIdentityAssociations[2].namespace               | is required
            missing-service-account.yaml    | iam.podIdentityAssociations[0].serviceAccountName      | is required
            other-partition.yaml            | iam.podIdentityAssociations[0].roleARN                 | is in partition aws-cn, but the cluster is in aws
            unknown-well-known-policy.yaml  | iam.podIdentityAssociations[0].wellKnownPolicies.clusterAutoscaler | 'clusterAutoscaler' is not a well-known policy (known: imageBuilder, autoScaler, awsLoadBalancerController, externalDNS, certManager, ebsCSIController, efsCSIController)
            malformed-role-arn.yaml         | iam.podIdentityAssociations[0].roleARN                 | the account id '1111' is not 12 digits
            malformed-policy-arn.yaml       | iam.podIdentityAssociations[0].permissionPolicyARNs[1] | 'AmazonS3ReadOnlyAccess' is not an IAM policy ARN
            policy-of-other-partition.yaml  | iam.podIdentityAssociations[0].permissionPolicyARNs[0] | is in partition aws, but the cluster is in aws-cn
            no-role-nor-permissions.yaml    | iam.podIdentityAssociations[0]                         | give roleARN (an existing role) or at least one of permissionPolicyARNs, permissionPolicy, wellKnownPolicies
            wrong-kind.yaml                 | kind                                                   | 'Cluster': expected ClusterConfig
            unknown-top-level.yaml          | iamm                                                   | unknown field
            duplicate-service-account.yaml  | iam.podIdentityAssociations[1]                         | service account default/a is listed twice (also at iam.podIdentityAssociations[0])
            unsupported-eksctl-field.yaml   | iam.podIdentityAssociations[0].createServiceAccount    | an eksctl field pim does not support
            """)
    void badInputIsRefusedNamingTheFileThePathAndTheReason(String file, String path, String reason) {
        assertThatThrownBy(() -> read(file, Purpose.CREATE))
                .isInstanceOfSatisfying(AssociationInputException.class, e -> {
                    assertThat(e.where()).isEqualTo(file + ": " + path);
                    assertThat(e.reason()).contains(reason);
                });
    }

    private static ClusterConfig read(String file, Purpose purpose) {
        return ClusterConfigReader.read(yaml(file), file, purpose, null);
    }

    static JsonNode yaml(String file) {
        try (InputStream in = ClusterConfigReaderTest.class.getResourceAsStream("/association-configs/" + file)) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
