package dev.pim.migration.plan;

import dev.pim.migration.plan.WebhookFinding.Level;
import dev.pim.migration.preflight.Preflight;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.pim.migration.plan.InventoryBuilder.URL;
import static dev.pim.migration.plan.InventoryBuilder.arn;
import static dev.pim.migration.plan.InventoryBuilder.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookSettingsTest {
    private static final String REGIONAL = "eks.amazonaws.com/sts-regional-endpoints";
    private static final String AUDIENCE = "eks.amazonaws.com/audience";
    private static final String EXPIRATION = "eks.amazonaws.com/token-expiration";
    private static final String SKIP = "eks.amazonaws.com/skip-containers";

    private static MigrationPlan plan(InventoryBuilder inventory, boolean acceptSkipped) {
        var inv = inventory.build();
        return Planner.plan(inv, Preflight.evaluate(inv.cluster(), Optional.empty(), true),
                MigrationOptions.builder().approve(true).timeout(Duration.ofMinutes(1))
                        .acceptSkippedContainers(acceptSkipped).build(), null, "v1.3.4-eksbuild.1");
    }

    /** shop/orders annotated with the role and {@code annotations}, its Deployment with {@code podAnnotations}. */
    private static InventoryBuilder orders(Map<String, String> annotations, Map<String, String> podAnnotations,
                                           Map<String, Set<String>> containers) {
        return new InventoryBuilder().serviceAccount("shop", "orders", arn("orders"), annotations)
                .role("orders", irsaTrust(URL, "system:serviceaccount:shop:orders"))
                .workload("shop", "orders", "orders", podAnnotations, containers);
    }

    private static Map<String, Set<String>> containers(String... names) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, Set.of());
        }
        return out;
    }

    @Test
    void stsRegionalEndpointsIsInformationNamingTheServiceAccount() {
        MigrationPlan plan = plan(orders(Map.of(REGIONAL, "true"), Map.of(), containers("app")), false);
        assertThat(plan.webhookFindings()).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("shop/orders");
            assertThat(f.setting()).isEqualTo(REGIONAL);
            assertThat(f.level()).isEqualTo(Level.INFO);
            assertThat(f.detail()).contains("AWS_STS_REGIONAL_ENDPOINTS=regional").contains("Pod Identity needs no STS endpoint");
        });
        assertThat(plan.allWarnings()).isEmpty();
        assertThat(plan.unacceptedSkippedContainers()).isEmpty();
    }

    @Test
    void aValueTheWebhookCannotReadIsAWarningSayingItIsIgnored() {
        MigrationPlan plan = plan(orders(Map.of(REGIONAL, "yes", EXPIRATION, "abc"), Map.of(), containers("app")), false);
        assertThat(plan.webhookFindings()).extracting(WebhookFinding::level).containsOnly(Level.WARNING);
        assertThat(plan.allWarnings()).anySatisfy(w -> assertThat(w).startsWith("shop/orders: " + REGIONAL + "=yes")
                .contains("not a boolean").contains("ignores it"));
        assertThat(plan.allWarnings()).anySatisfy(w -> assertThat(w).startsWith("shop/orders: " + EXPIRATION + "=abc")
                .contains("not a whole number of seconds").contains("86400 s"));
        assertThat(plan.bindings()).singleElement().satisfies(b -> assertThat(b.migratable()).isTrue());
    }

    @Test
    void aNonDefaultAudienceIsAWarningAndTheDefaultOneIsNot() {
        MigrationPlan other = plan(orders(Map.of(AUDIENCE, "vault"), Map.of(), containers("app")).audience("vault")
                .role("orders", irsaTrust(URL, "system:serviceaccount:shop:orders").replace("\"sts.amazonaws.com\"", "\"vault\"")), false);
        assertThat(other.webhookFindings()).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.detail()).contains("audience vault").contains("no equivalent");
        });
        MigrationPlan standard = plan(orders(Map.of(AUDIENCE, "sts.amazonaws.com"), Map.of(), containers("app")), false);
        assertThat(standard.webhookFindings()).singleElement().extracting(WebhookFinding::level).isEqualTo(Level.INFO);
    }

    @Test
    void tokenExpirationIsAWarningWithTheLifetimeTheWebhookApplies() {
        MigrationPlan plan = plan(orders(Map.of(EXPIRATION, "300"), Map.of(), containers("app")), false);
        assertThat(plan.webhookFindings()).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.detail()).contains("IRSA tokens last 600 s").contains("raises anything under 600 s");
        });
    }

    @Test
    void aSkippedContainerNeedsAcceptanceNamingTheWorkloadAndTheContainer() {
        InventoryBuilder inventory = orders(Map.of(), Map.of(SKIP, "log-router"), containers("app", "log-router"));
        MigrationPlan plan = plan(inventory, false);
        assertThat(plan.unacceptedSkippedContainers()).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("Deployment shop/orders");
            assertThat(f.detail()).contains("container log-router of Deployment shop/orders").contains("every container");
        });
        assertThat(plan.allWarnings()).anySatisfy(w -> assertThat(w).contains("log-router"));
        assertThat(new SkippedContainersNotAcceptedException(plan.unacceptedSkippedContainers()).getMessage())
                .contains("log-router").contains("--accept-skipped-containers");

        assertThat(plan(orders(Map.of(), Map.of(SKIP, "log-router"), containers("app", "log-router")), true)
                .unacceptedSkippedContainers()).as("accepted with the flag").isEmpty();
    }

    @Test
    void skipContainersWithAnEmptyNameOrAnUnknownContainerIsAWarningThatBlocksNothing() {
        MigrationPlan plan = plan(orders(Map.of(), Map.of(SKIP, "app,,sidecar"), containers("app")), false);
        assertThat(plan.webhookFindings()).filteredOn(f -> f.level() == Level.WARNING)
                .extracting(WebhookFinding::detail)
                .anySatisfy(d -> assertThat(d).contains("empty container name"))
                .anySatisfy(d -> assertThat(d).contains("'sidecar'").contains("does not have (containers: app)"));
        assertThat(plan.unacceptedSkippedContainers()).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("container app of"));
    }

    @Test
    void aContainerSettingTheIrsaVariablesItselfIsReported() {
        Map<String, Set<String>> containers = new LinkedHashMap<>();
        containers.put("app", Set.of("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "LOG_LEVEL"));
        containers.put("proxy", Set.of("LOG_LEVEL"));
        MigrationPlan plan = plan(orders(Map.of(), Map.of(), containers), false);
        assertThat(plan.webhookFindings()).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("Deployment shop/orders");
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.detail()).startsWith("container app sets AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE itself")
                    .contains("web identity before the container credentials provider");
        });
    }

    @Test
    void bindingsThatAreNotMigratedHaveNoFindings() {
        // The role does not exist: broken, nothing moves, so nothing changes for its settings either.
        MigrationPlan plan = plan(new InventoryBuilder().serviceAccount("shop", "orders", arn("orders"), Map.of(REGIONAL, "true"))
                .missingRole("orders").workload("shop", "orders", "orders", Map.of(SKIP, "app"), containers("app")), false);
        assertThat(plan.bindings()).singleElement().satisfies(b -> assertThat(b.migratable()).isFalse());
        assertThat(plan.webhookFindings()).isEmpty();
    }
}
