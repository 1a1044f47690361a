package dev.pim.migration.plan;

import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.preflight.PreflightCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.pim.migration.plan.InventoryBuilder.URL;
import static dev.pim.migration.plan.InventoryBuilder.arn;
import static dev.pim.migration.plan.InventoryBuilder.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssociationQuotaTest {

    private static MigrationPlan plan(InventoryBuilder inventory, int associationsPerCluster) {
        var inv = inventory.build();
        return Planner.plan(inv, Preflight.evaluate(inv.cluster(), Optional.empty(), true),
                MigrationOptions.builder().approve(true).timeout(Duration.ofMinutes(1))
                        .associationsPerCluster(associationsPerCluster).build(), null, "v1.3.4-eksbuild.1");
    }

    /** Three annotated service accounts of one role, one of them already associated; another cluster-wide association. */
    private static InventoryBuilder threeOfWhichOneAssociated() {
        return new InventoryBuilder()
                .serviceAccount("shop", "cart", arn("shop")).serviceAccount("shop", "orders", arn("shop"))
                .serviceAccount("shop", "payments", arn("shop"))
                .role("shop", irsaTrust(URL, "system:serviceaccount:shop:cart", "system:serviceaccount:shop:orders",
                        "system:serviceaccount:shop:payments"))
                .association("shop", "cart", arn("shop"))
                .association("other", "batch", arn("elsewhere"));
    }

    @Test
    void countsTheAssociationsTheClusterHoldsPlusThoseThePlanCreates() {
        MigrationPlan plan = plan(threeOfWhichOneAssociated(), 4);

        Optional<String> refusal = AssociationQuota.refusal(plan.preflight());
        assertThat(plan.preflight().passed()).isTrue();
        assertThat(refusal).isEmpty();
        // 2 existing + 2 new = 4, the quota itself: allowed, with nothing left.
        assertThat(plan.preflight().checks()).filteredOn(c -> c.name().equals(AssociationQuota.CHECK_NAME))
                .singleElement().satisfies(c -> {
                    assertThat(c.status()).isEqualTo(PreflightCheck.Status.WARN);
                    assertThat(c.detail()).contains("4 after the migration (2 existing + 2 new)").contains("0 left");
                });
    }

    @Test
    void aPlanOverTheQuotaFailsItsPreflightNamingTheQuotaTheCountAndTheCluster() {
        MigrationPlan plan = plan(threeOfWhichOneAssociated(), 3);

        assertThat(plan.preflight().passed()).isFalse();
        assertThat(AssociationQuota.refusal(plan.preflight())).hasValueSatisfying(message -> assertThat(message)
                .startsWith("cluster demo: 4 Pod Identity associations after the migration (2 existing + 2 new), over "
                        + "the quota of 3 per cluster this run was given (EKS's is 5,000, not adjustable) by 1")
                .contains("no run starts"));
    }

    @Test
    void byDefaultTheQuotaIsEksFiveThousandAndSaysItIsNotAdjustable() {
        assertThat(MigrationOptions.planOnly().associationsPerCluster()).isEqualTo(AssociationQuota.EKS_PER_CLUSTER)
                .isEqualTo(5_000);
        AssociationQuota over = new AssociationQuota("big", 0, 25_000, AssociationQuota.EKS_PER_CLUSTER);

        assertThat(over.refusal()).startsWith("cluster big: 25,000 Pod Identity associations after the migration "
                + "(0 existing + 25,000 new), over EKS's quota of 5,000 per cluster (not adjustable) by 20,000");
    }

    @Test
    void aClusterFarFromTheQuotaHasNoCheckAtAll() {
        MigrationPlan plan = plan(threeOfWhichOneAssociated(), AssociationQuota.EKS_PER_CLUSTER);

        assertThat(plan.preflight().checks()).noneMatch(c -> c.name().equals(AssociationQuota.CHECK_NAME));
    }

    @Test
    void addOnServiceAccountsCountAndThoseTheAddOnAlreadyOwnsDoNot() {
        InventoryBuilder inventory = new InventoryBuilder()
                .serviceAccount("kube-system", "ebs-csi-controller-sa", arn("ebs"))
                .role("ebs", irsaTrust(URL, "system:serviceaccount:kube-system:ebs-csi-controller-sa"))
                .addon("aws-ebs-csi-driver", "v1.38.1-eksbuild.1", arn("ebs"), List.of("ebs-csi-controller-sa"))
                .serviceAccount("web", "front", arn("front"))
                .role("front", irsaTrust(URL, "system:serviceaccount:web:front"));

        assertThat(AssociationQuota.refusal(plan(inventory, 1).preflight()))
                .hasValueSatisfying(m -> assertThat(m).contains("2 Pod Identity associations after the migration (0 existing + 2 new)"));
    }

    @Test
    void theAssociationsOfARefusedRoleAreNotCounted() {
        String[] subs = new String[34];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = "system:serviceaccount:tenants:tenant-" + String.format("%02d", i + 1) + "-worker";
        }
        InventoryBuilder inventory = new InventoryBuilder()
                .serviceAccount("tenants", "tenant-01-worker", arn("t")).role("t", irsaTrust(URL, subs))
                .serviceAccount("web", "front", arn("front")).role("front", irsaTrust(URL, "system:serviceaccount:web:front"));

        MigrationPlan plan = plan(inventory, 1);

        assertThat(plan.roles()).filteredOn(RolePlan::refused).hasSize(1);
        assertThat(plan.preflight().passed()).isTrue();
    }

    @Test
    void aQuotaBelowOneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> MigrationOptions.builder().approve(true).timeout(Duration.ofMinutes(1))
                .associationsPerCluster(0).build()).hasMessage("the Pod Identity associations per cluster must be at least 1, got 0");
    }
}
