package dev.pim.export;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerraformConfigTest {
    private final String rendered = IacFormat.terraform.render(SampleExports.demo());

    @Test
    void parsesAsHclWithAnAssociationPerStandaloneOneAndTheAddonsBlocks() throws Exception {
        Map<String, Object> resources = resources(rendered);
        Map<String, Object> associations = map(resources.get("aws_eks_pod_identity_association"));
        assertThat(associations).containsOnlyKeys("payments__payments-api", "analytics__etl_v2");
        Map<String, Object> payments = map(associations.get("payments__payments-api"));
        assertThat(payments).containsEntry("cluster_name", "demo").containsEntry("namespace", "payments")
                .containsEntry("service_account", "payments-api").containsEntry("role_arn", SampleExports.role("payments-api"))
                .doesNotContainKey("target_role_arn");
        assertThat(map(payments.get("tags"))).containsEntry("team", "payments");
        assertThat(map(associations.get("analytics__etl_v2"))).containsEntry("service_account", "etl.v2")
                .containsEntry("target_role_arn", "arn:aws:iam::444455556666:role/etl");
        Map<String, Object> addon = map(map(resources.get("aws_eks_addon")).get("vpc-cni"));
        assertThat(addon).containsEntry("addon_name", "vpc-cni");
        assertThat(addon.get("pod_identity_association").toString()).contains("aws-node").contains(SampleExports.CNI_ROLE);
    }

    @Test
    void eachRolesAssumeRolePolicyIsItsTrustAsIamHoldsIt() throws Exception {
        Map<String, Object> role = map(map(resources(rendered).get("aws_iam_role")).get("payments-api"));
        assertThat(role).containsEntry("name", "payments-api").containsEntry("path", "/");
        // The heredoc escapes the policy variable for HCL; Terraform hands IAM the text with it unescaped.
        String policy = role.get("assume_role_policy").toString().replace("$${", "${");
        assertThat(new ObjectMapper().readTree(policy)).isEqualTo(new ObjectMapper().readTree(SampleExports.PAYMENTS_TRUST));
        assertThat(rendered).contains("\"$${aws:PrincipalTag/team}\"");
    }

    @Test
    void saysOnlyTheTrustIsExportedAndHowToImport() {
        assertThat(rendered).contains("Only each role's trust policy (assume_role_policy) is exported")
                .contains("# terraform import aws_eks_pod_identity_association.payments__payments-api demo,a-payments")
                .contains("# terraform import aws_eks_addon.vpc-cni demo:vpc-cni")
                .contains("# terraform import aws_iam_role.payments-api payments-api");
    }

    @Test
    void isAsTerraformFmtLaysItOut(@TempDir Path dir) throws Exception {
        TerraformFmt.assertFormatted(dir, rendered);
    }

    @Test
    void isTheSameWhateverOrderEksAndIamListedThingsIn() {
        assertThat(IacFormat.terraform.render(SampleExports.demo(true))).isEqualTo(rendered);
    }

    static Map<String, Object> resources(String hcl) throws Exception {
        return map(new HCLParser().parse(hcl).get("resource"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
