package dev.pim.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CloudFormationTemplateTest {
    private final String rendered = IacFormat.cloudformation.render(SampleExports.demo());

    @Test
    void hasAnAssociationPerStandaloneOneAnAddonForAddonOnesAndEachRolesTrustAsIamHoldsIt() throws Exception {
        JsonNode resources = new YAMLMapper().readTree(rendered).get("Resources");
        JsonNode payments = resources.get("PaymentsPaymentsApiPodIdentityAssociation");
        assertThat(payments.get("Type").asText()).isEqualTo("AWS::EKS::PodIdentityAssociation");
        assertThat(payments.get("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(payments.at("/Properties/ClusterName").asText()).isEqualTo("demo");
        assertThat(payments.at("/Properties/Namespace").asText()).isEqualTo("payments");
        assertThat(payments.at("/Properties/ServiceAccount").asText()).isEqualTo("payments-api");
        assertThat(payments.at("/Properties/RoleArn").asText()).isEqualTo(SampleExports.role("payments-api"));
        assertThat(payments.at("/Properties/Tags/0/Key").asText()).isEqualTo("team");
        assertThat(payments.at("/Properties").has("TargetRoleArn")).isFalse();
        assertThat(resources.at("/AnalyticsEtlV2PodIdentityAssociation/Properties/TargetRoleArn").asText())
                .isEqualTo("arn:aws:iam::444455556666:role/etl");
        assertThat(resources.at("/VpcCniAddon/Properties/PodIdentityAssociations/0/ServiceAccount").asText()).isEqualTo("aws-node");
        JsonNode role = resources.get("PaymentsApiRole");
        assertThat(role.get("Type").asText()).isEqualTo("AWS::IAM::Role");
        assertThat(role.at("/Properties/RoleName").asText()).isEqualTo("payments-api");
        assertThat(role.at("/Properties/AssumeRolePolicyDocument"))
                .isEqualTo(new ObjectMapper().readTree(SampleExports.PAYMENTS_TRUST));
        assertThat(resources.at("/DemoVpcCniRole/Properties/Path").asText()).isEqualTo("/teams/");
        assertThat(resources.size()).isEqualTo(6);
    }

    @Test
    void namesEachResourcesImportIdentifier() {
        assertThat(rendered).contains("#   PaymentsPaymentsApiPodIdentityAssociation: AssociationArn=arn:aws:eks:us-west-2:"
                        + "111122223333:podidentityassociation/demo/a-payments")
                .contains("#   PaymentsApiRole: RoleName=payments-api")
                .contains("#   VpcCniAddon: ClusterName=demo, AddonName=vpc-cni");
    }

    @Test
    void passesCfnLint(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("export.yaml");
        Files.writeString(template, rendered);
        CfnLint.assertClean(template);
    }

    @Test
    void isTheSameWhateverOrderEksAndIamListedThingsIn() {
        assertThat(IacFormat.cloudformation.render(SampleExports.demo(true))).isEqualTo(rendered);
    }
}
