package dev.pim.migration.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pim.migration.preflight.Preflight;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.pim.migration.plan.InventoryBuilder.URL;
import static dev.pim.migration.plan.InventoryBuilder.arn;
import static dev.pim.migration.plan.InventoryBuilder.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;

class StackTemplateChangesTest {
    private static final Map<String, String> STACK_TAGS = Map.of("aws:cloudformation:stack-name",
            "eksctl-demo-addon-iamserviceaccount-kube-system-lbc", "aws:cloudformation:logical-id", "Role1");

    private static MigrationPlan plan(Map<String, String> lbcTags, boolean removeOidc) {
        var inventory = new InventoryBuilder()
                .serviceAccount("kube-system", "lbc", arn("lbc"))
                .role("lbc", irsaTrust(URL, "system:serviceaccount:kube-system:lbc"), lbcTags)
                .serviceAccount("web", "api", arn("api"))
                .role("api", irsaTrust(URL, "system:serviceaccount:web:api")).build();
        return Planner.plan(inventory, Preflight.evaluate(inventory.cluster(), Optional.empty(), true),
                MigrationOptions.builder().approve(true).removeOidcTrust(removeOidc).timeout(Duration.ofMinutes(1)).build(), null, "v1");
    }

    @Test
    void aStackOwnedRoleGetsTheTrustItWillHaveAsATemplateFragmentUnderItsLogicalId() throws Exception {
        MigrationPlan plan = plan(STACK_TAGS, false);
        JsonNode fragment = fragment(plan);
        assertThat(fragment.at("/Resources/Role1/Type").asText()).isEqualTo("AWS::IAM::Role");
        assertThat(fragment.at("/Resources/Role1/Properties/AssumeRolePolicyDocument"))
                .isEqualTo(new ObjectMapper().readTree(plan.role(arn("lbc")).orElseThrow().trustAfter()));
        assertThat(templateChanges(plan).get(0)).startsWith("template change for role lbc of CloudFormation stack "
                + "eksctl-demo-addon-iamserviceaccount-kube-system-lbc: give resource Role1 this AssumeRolePolicyDocument");
    }

    @Test
    void withOidcCleanupTheFragmentIsTheTrustAfterIt() throws Exception {
        MigrationPlan plan = plan(STACK_TAGS, true);
        String cleaned = plan.role(arn("lbc")).orElseThrow().trustAfterCleanup();
        assertThat(cleaned).isNotNull().doesNotContain(URL + ":sub");
        assertThat(fragment(plan).at("/Resources/Role1/Properties/AssumeRolePolicyDocument"))
                .isEqualTo(new ObjectMapper().readTree(cleaned));
    }

    @Test
    void rolesNoStackOwnsGetNone() {
        assertThat(templateChanges(plan(Map.of("team", "web"), false))).isEmpty();
    }

    private static List<String> templateChanges(MigrationPlan plan) {
        return plan.warnings().stream().filter(w -> w.startsWith("template change")).toList();
    }

    private static JsonNode fragment(MigrationPlan plan) throws Exception {
        String warning = templateChanges(plan).get(0);
        return new YAMLMapper().readTree(warning.substring(warning.indexOf('\n') + 1));
    }
}
