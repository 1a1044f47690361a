package dev.pim.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EksctlConfigTest {
    private final String rendered = IacFormat.eksctl.render(SampleExports.demo());

    @Test
    void isAClusterConfigWithStandaloneAssociationsUnderIamAndAddonOnesUnderTheirAddon() throws Exception {
        JsonNode config = new YAMLMapper().readTree(rendered);
        assertThat(config.get("apiVersion").asText()).isEqualTo("eksctl.io/v1alpha5");
        assertThat(config.get("kind").asText()).isEqualTo("ClusterConfig");
        assertThat(config.at("/metadata/name").asText()).isEqualTo("demo");
        assertThat(config.at("/metadata/region").asText()).isEqualTo("us-west-2");
        JsonNode standalone = config.at("/iam/podIdentityAssociations");
        assertThat(standalone).hasSize(2);
        assertThat(standalone.get(0).get("namespace").asText()).isEqualTo("analytics");
        assertThat(standalone.get(0).get("serviceAccountName").asText()).isEqualTo("etl.v2");
        assertThat(standalone.get(0).get("roleARN").asText()).isEqualTo(SampleExports.role("bridge"));
        assertThat(standalone.get(0).get("targetRoleARN").asText()).isEqualTo("arn:aws:iam::444455556666:role/etl");
        assertThat(standalone.get(1).get("serviceAccountName").asText()).isEqualTo("payments-api");
        assertThat(standalone.get(1).has("targetRoleARN")).isFalse();
        JsonNode addon = config.at("/addons/0");
        assertThat(addon.get("name").asText()).isEqualTo("vpc-cni");
        assertThat(addon.at("/podIdentityAssociations/0/serviceAccountName").asText()).isEqualTo("aws-node");
        assertThat(addon.at("/podIdentityAssociations/0/roleARN").asText()).isEqualTo(SampleExports.CNI_ROLE);
    }

    @Test
    void carriesEachRolesTrustAsCommentsAndSaysWhatWasNotExported() {
        assertThat(rendered).contains("# trust policy of role " + SampleExports.role("payments-api") + ":")
                .contains("#   \"Version\" : \"2012-10-17\",")
                .contains("# not exported: arn:aws:iam::444455556666:role/etl: in account 444455556666");
    }

    @Test
    void isTheSameWhateverOrderEksAndIamListedThingsIn() {
        assertThat(IacFormat.eksctl.render(SampleExports.demo(true))).isEqualTo(rendered);
    }
}
