package dev.pim.migration.association;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What each well-known policy grants: eksctl's managed policies and inline statements, in the cluster's partition. */
class WellKnownPoliciesTest {
    private final WellKnownPolicies catalogue = WellKnownPolicies.load();

    @ParameterizedTest
    @EnumSource(WellKnownPolicy.class)
    void everyNameGrantsSomethingAndEveryInlineDocumentIsAnAllowPolicyInThePartition(WellKnownPolicy policy)
            throws Exception {
        PolicyGrants grants = catalogue.grants(List.of(policy), "aws-cn");

        assertThat(grants.managedPolicyArns().size() + grants.inlinePolicies().size()).isPositive();
        for (String document : grants.inlinePolicies().values()) {
            JsonNode parsed = new ObjectMapper().readTree(document);
            assertThat(parsed.get("Version").asText()).isEqualTo("2012-10-17");
            assertThat(parsed.get("Statement")).allSatisfy(s -> assertThat(s.get("Effect").asText()).isEqualTo("Allow"));
            assertThat(document).doesNotContain("${partition}").doesNotContain("arn:aws:");
        }
        grants.managedPolicyArns().forEach(arn -> assertThat(arn).startsWith("arn:aws-cn:iam::aws:policy/"));
    }

    @Test
    void imageBuilderIsEcrPowerUserAsEksctlAttachesIt() {
        assertThat(catalogue.grants(List.of(WellKnownPolicy.IMAGE_BUILDER), "aws").managedPolicyArns())
                .containsExactly("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser");
    }

    @Test
    void externalDnsAndCertManagerGetEksctlsPolicyNamesAndRoute53Actions() {
        PolicyGrants grants = catalogue.grants(List.of(WellKnownPolicy.EXTERNAL_DNS, WellKnownPolicy.CERT_MANAGER), "aws");

        assertThat(grants.inlinePolicies()).containsOnlyKeys("PolicyExternalDNSChangeSet", "PolicyExternalDNSHostedZones",
                "PolicyCertManagerChangeSet", "PolicyCertManagerGetChange", "PolicyCertManagerHostedZones");
        assertThat(grants.inlinePolicies().get("PolicyCertManagerGetChange"))
                .contains("\"Resource\":\"arn:aws:route53:::change/*\"").contains("route53:GetChange");
    }

    @Test
    void everyWellKnownPolicyTogetherFitsIamsInlineQuotaOfARole() {
        PolicyGrants all = catalogue.grants(List.of(WellKnownPolicy.values()), "aws");
        int size = all.inlinePolicies().values().stream().mapToInt(String::length).sum();

        // IAM counts the characters of every inline policy of a role together (no whitespace here): 10,240 at most.
        assertThat(size).isLessThanOrEqualTo(10240);
    }
}
