package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.trust.TrustPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.pim.migration.plan.InventoryBuilder.OTHER_URL;
import static dev.pim.migration.plan.InventoryBuilder.URL;
import static dev.pim.migration.plan.InventoryBuilder.arn;
import static dev.pim.migration.plan.InventoryBuilder.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {

    private static MigrationPlan plan(InventoryBuilder inventory, boolean removeOidc) {
        var inv = inventory.build();
        return Planner.plan(inv, Preflight.evaluate(inv.cluster(), Optional.empty(), true),
                MigrationOptions.builder().approve(true).removeOidcTrust(removeOidc).timeout(Duration.ofMinutes(1)).build(),
                null, "v1.3.4-eksbuild.1");
    }

    @Test
    void rolesSharedByServiceAccountsArePlannedOnceWithEveryAssociation() {
        MigrationPlan plan = plan(new InventoryBuilder()
                .serviceAccount("n", "email", arn("notify")).serviceAccount("n", "sms", arn("notify"))
                .role("notify", irsaTrust(URL, "system:serviceaccount:n:email", "system:serviceaccount:n:sms")), false);
        assertThat(plan.roles()).singleElement().satisfies(r -> {
            assertThat(r.trustChanges()).isTrue();
            assertThat(r.trustAfter()).contains("pods.eks.amazonaws.com");
            assertThat(r.associations()).extracting(Object::toString).containsExactly("n/email", "n/sms");
        });
        assertThat(plan.installAgentVersion()).isEqualTo("v1.3.4-eksbuild.1");
    }

    @Test
    void roleOverTheQuotaIsRefusedSayingByHowMuch() {
        String[] subs = new String[34];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = "system:serviceaccount:tenants:tenant-" + String.format("%02d", i + 1) + "-worker";
        }
        String trust = irsaTrust(URL, subs);
        int before = TrustPolicy.parse(arn("t"), trust).size();
        MigrationPlan plan = plan(new InventoryBuilder().serviceAccount("tenants", "tenant-01-worker", arn("t"))
                .role("t", trust), false);
        assertThat(plan.roles()).singleElement().satisfies(r -> {
            assertThat(r.refused()).isTrue();
            assertThat(r.refusal()).contains("over the account's quota of 2048 by " + (r.sizeAfter() - 2048));
            assertThat(r.sizeAfter()).isGreaterThan(2048).isGreaterThan(before);
        });
    }

    @Test
    void oidcCleanupKeepsOtherClustersStatements() {
        String shared = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + irsaTrust(URL, "system:serviceaccount:app:reader").replaceAll("^.*\"Statement\":\\[|\\]}$", "") + ","
                + irsaTrust(OTHER_URL, "system:serviceaccount:app:reader").replaceAll("^.*\"Statement\":\\[|\\]}$", "") + "]}";
        MigrationPlan plan = plan(new InventoryBuilder().serviceAccount("app", "reader", arn("shared")).role("shared", shared), true);
        RolePlan role = plan.roles().get(0);
        assertThat(role.trustAfterCleanup()).doesNotContain(URL).contains(OTHER_URL).contains("pods.eks.amazonaws.com");
    }

    @Test
    void addonPlanKeepsTheAssociationsTheAddonAlreadyOwns() {
        MigrationPlan plan = plan(new InventoryBuilder()
                .serviceAccount("kube-system", "ebs-csi-controller-sa", arn("ebs"))
                .role("ebs", irsaTrust(URL, "system:serviceaccount:kube-system:ebs-csi-controller-sa"))
                .addon("aws-ebs-csi-driver", "v1.38.1-eksbuild.1", arn("ebs"), List.of("ebs-csi-controller-sa")), false);
        assertThat(plan.addons()).singleElement().satisfies(a -> {
            assertThat(a.namespace()).isEqualTo("kube-system");
            assertThat(a.associationsAfter()).containsEntry("ebs-csi-controller-sa", arn("ebs"));
        });
        assertThat(plan.roles().get(0).associations()).isEmpty();
        assertThat(plan.roles().get(0).addons()).containsExactly("aws-ebs-csi-driver");
    }

    @Test
    void aWideTrustIsAWarningListingWhoItWouldCoverNeverAnAssociation() {
        MigrationPlan plan = plan(new InventoryBuilder()
                .serviceAccount("web", "frontend", arn("frontend"))
                .serviceAccount("kube-system", "default", null).serviceAccount("default", "default", null)
                .role("frontend", BindingClassifierTest.audienceOnlyTrust()), false);
        assertThat(plan.roles()).singleElement().satisfies(r ->
                assertThat(r.associations()).extracting(Object::toString).containsExactly("web/frontend"));
        assertThat(plan.warnings()).singleElement().asString()
                .contains("role frontend lets in 2 service account(s)").contains("no sub condition")
                .contains("default/default, kube-system/default").contains("--include-service-account");
    }

    @Test
    void aServiceAccountNamedWithIncludeMustExist() {
        var inv = new InventoryBuilder().serviceAccount("web", "frontend", arn("frontend"))
                .role("frontend", BindingClassifierTest.audienceOnlyTrust()).build();
        MigrationOptions options = MigrationOptions.builder().approve(true).timeout(Duration.ofMinutes(1))
                .includeServiceAccounts(List.of(new ServiceAccountRef("web", "frontnd"))).build();
        assertThatThrownBy(() -> Planner.plan(inv, Preflight.evaluate(inv.cluster(),
                        Optional.empty(), true), options, null, "v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--include-service-account").hasMessageContaining("web/frontnd");
    }

    @Test
    void aClusterWithNothingToMigrateGetsNoAgent() {
        MigrationPlan plan = plan(new InventoryBuilder().serviceAccount("app", "api", "not-an-arn"), false);
        assertThat(plan.installAgentVersion()).isNull();
        assertThat(plan.createsAssociations()).isFalse();
        assertThat(plan.hasChanges()).isFalse();
    }

    @Test
    void aDenyOfPodsOnThisClusterRefusesTheRoleButOneThatNeverMatchesDoesNot() {
        String irsa = irsaTrust(URL, "system:serviceaccount:app:api").replaceAll("\\]}$", "");
        String always = irsa + ",{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":\"sts:*\"}]}";
        String insecureOnly = irsa + ",{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";

        RolePlan refused = plan(new InventoryBuilder().serviceAccount("app", "api", arn("api")).role("api", always), false)
                .roles().get(0);
        RolePlan fine = plan(new InventoryBuilder().serviceAccount("app", "api", arn("api")).role("api", insecureOnly), false)
                .roles().get(0);

        assertThat(refused.refused()).isTrue();
        assertThat(refused.refusal()).contains("statement 2 denies pods.eks.amazonaws.com sts:AssumeRole");
        assertThat(fine.refused()).isFalse();
        assertThat(fine.notes()).noneMatch(n -> n.contains("denies"));
    }

    @Test
    void oidcCleanupKeepsAWildcardUnlessToldAndSaysWhy() {
        MigrationOptions cleanup = MigrationOptions.builder().approve(true).removeOidcTrust(true)
                .timeout(Duration.ofMinutes(1)).build();
        InventoryBuilder batch = new InventoryBuilder()
                .serviceAccount("batch", "job-a", arn("batch")).serviceAccount("batch", "job-b", arn("batch"))
                .role("batch", BindingClassifierTest.wildcardTrust("system:serviceaccount:batch:job-*"))
                .association("batch", "job-a", arn("batch")).association("batch", "job-b", arn("batch"));
        var inv = batch.build();
        MigrationPlan kept = Planner.plan(inv, Preflight.evaluate(inv.cluster(), Optional.empty(), true), cleanup, null, "v1");
        MigrationPlan removed = Planner.plan(inv, Preflight.evaluate(inv.cluster(), Optional.empty(), true),
                MigrationOptions.builder().approve(true).removeOidcTrust(true).removeWildcardOidcTrust(true)
                        .timeout(Duration.ofMinutes(1)).build(),
                null, "v1");

        assertThat(kept.roles().get(0).trustAfterCleanup()).isNull();
        assertThat(kept.roles().get(0).notes()).anyMatch(n -> n.contains("keeps the pattern system:serviceaccount:batch:job-*")
                && n.contains("--remove-wildcard-oidc-trust"));
        assertThat(removed.roles().get(0).trustAfterCleanup()).doesNotContain("job-*");
    }

    @Test
    void aDormantAssociationTheStatementWouldWakeRefusesTheRole() {
        MigrationPlan plan = plan(new InventoryBuilder()
                .serviceAccount("batch", "worker", arn("shared")).serviceAccount("kube-system", "job", arn("shared"))
                .role("shared", irsaTrust(URL, "system:serviceaccount:batch:worker"))
                .association("kube-system", "job", arn("shared")), false);
        assertThat(plan.roles()).singleElement().satisfies(r -> {
            assertThat(r.refused()).isTrue();
            assertThat(r.refusal()).contains("kube-system/job").contains("cannot use it today");
        });
    }

    @Test
    void anAssociationWhoseServiceAccountHasTheRoleThroughIrsaIsNoObstacle() {
        MigrationPlan plan = plan(new InventoryBuilder()
                .serviceAccount("batch", "worker", arn("shared")).serviceAccount("kube-system", "job", arn("shared"))
                .role("shared", irsaTrust(URL, "system:serviceaccount:batch:worker", "system:serviceaccount:kube-system:job"))
                .association("kube-system", "job", arn("shared")), false);
        assertThat(plan.roles()).singleElement().satisfies(r -> assertThat(r.refused()).isFalse());
    }
}
