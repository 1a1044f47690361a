package dev.pim.migration.apply;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.fake.FakeCloud;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.SkippedContainersNotAcceptedException;
import dev.pim.migration.verify.Verifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.pim.migration.fake.FakeCloud.approved;
import static dev.pim.migration.fake.FakeCloud.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The IRSA webhook's settings beside role-arn through a whole apply and rollback: a skipped container refuses the
 * run before any write unless accepted; the settings go with the role-arn annotation and come back with it; an
 * add-on's IRSA role is cleared once its pods moved, listed by verify until then, and restored by rollback.
 */
class IrsaSettingsMigrationTest {
    private static final ServiceAccountRef ORDERS = new ServiceAccountRef("shop", "orders");
    private static final ServiceAccountRef EBS = new ServiceAccountRef("kube-system", "ebs-csi-controller-sa");
    private static final String SKIP = "eks.amazonaws.com/skip-containers";
    private final FakeCloud cloud = new FakeCloud();

    private void orders() {
        cloud.iam.role("orders-reader", irsaTrust("shop/orders"));
        cloud.kubernetes.serviceAccount("shop", "orders", cloud.iam.arn("orders-reader"))
                .deployment("shop", "orders-api", "orders", 2);
    }

    private static MigrationOptions accepting(boolean restart, boolean removeAnnotation) {
        return MigrationOptions.builder().approve(true).restartWorkloads(restart).restartBudget(2)
                .removeIrsaAnnotation(removeAnnotation).timeout(Duration.ofMinutes(5)).acceptSkippedContainers(true).build();
    }

    @Test
    void aSkippedContainerRefusesTheRunBeforeAnyWriteNamingTheWorkloadAndContainer() {
        orders();
        cloud.kubernetes.podTemplate("shop", "orders-api", Map.of(SKIP, "log-router"), "app", "log-router");

        assertThatThrownBy(() -> new Migration(cloud.context()).apply(cloud.plan(approved(true, true, false))))
                .isInstanceOf(SkippedContainersNotAcceptedException.class)
                .hasMessageContaining("container log-router of Deployment shop/orders-api")
                .hasMessageContaining("--accept-skipped-containers");
        assertThat(cloud.log.writes()).isEmpty();
        assertThat(cloud.journal.runs(cloud.eks.describeCluster().ref())).isEmpty();

        MigrationReport accepted = new Migration(cloud.context()).apply(cloud.plan(accepting(true, true)));
        assertThat(accepted.status()).isEqualTo(MigrationReport.Status.SUCCEEDED);
        assertThat(accepted.plan().options().asMap()).containsEntry("acceptSkippedContainers", "true");
    }

    @Test
    void theWebhookSettingsAreRemovedWithTheRoleArnInOnePatchAndRolledBackTogether() {
        orders();
        cloud.kubernetes.annotate("shop", "orders", "eks.amazonaws.com/audience", "sts.amazonaws.com")
                .annotate("shop", "orders", "eks.amazonaws.com/token-expiration", "3600")
                .annotate("shop", "orders", "eks.amazonaws.com/sts-regional-endpoints", "true")
                .annotate("shop", "orders", "team", "shop");
        Map<String, String> original = cloud.kubernetes.annotations(ORDERS);

        MigrationReport report = new Migration(cloud.context()).apply(cloud.plan(approved(true, true, false)));

        assertThat(report.status()).isEqualTo(MigrationReport.Status.SUCCEEDED);
        assertThat(cloud.kubernetes.annotations(ORDERS)).containsExactlyEntriesOf(Map.of("team", "shop"));
        assertThat(cloud.log.writes()).filteredOn(w -> w.startsWith("k8s Remove")).containsExactly(
                "k8s RemoveAnnotations shop/orders [eks.amazonaws.com/role-arn, eks.amazonaws.com/audience, "
                        + "eks.amazonaws.com/token-expiration, eks.amazonaws.com/sts-regional-endpoints]");
        assertThat(cloud.journal.entries(report.runId())).filteredOn(JournalEntry.AnnotationRemoved.class::isInstance)
                .map(e -> ((JournalEntry.AnnotationRemoved) e).key()).containsExactly("eks.amazonaws.com/role-arn",
                        "eks.amazonaws.com/audience", "eks.amazonaws.com/token-expiration",
                        "eks.amazonaws.com/sts-regional-endpoints");

        new Rollback(cloud.context()).rollback(cloud.eks.describeCluster().ref(), null, false, Duration.ofMinutes(5));

        assertThat(cloud.kubernetes.annotations(ORDERS)).isEqualTo(original);
    }

    @Test
    void anAddonsIrsaRoleIsAVerifyLeftoverUntilItsPodsMovedThenClearedAndRestoredByRollback() {
        String ebs = cloud.iam.arn("ebs-csi");
        cloud.iam.role("ebs-csi", irsaTrust("kube-system/ebs-csi-controller-sa"));
        cloud.kubernetes.serviceAccount("kube-system", "ebs-csi-controller-sa", ebs)
                .deployment("kube-system", "ebs-csi-controller", "ebs-csi-controller-sa", 2);
        cloud.eks.addon("aws-ebs-csi-driver", "kube-system", ebs, "ebs-csi-controller-sa");
        ClusterRef cluster = cloud.eks.describeCluster().ref();

        new Migration(cloud.context()).apply(cloud.plan(approved(true, false, false)));
        var verification = new Verifier(cloud.eks, cloud.iam, cloud.kubernetes, FakeCloud.PROVIDER_ARN)
                .verify(cloud.plan(approved(false, false, false)).bindings());
        assertThat(verification.bindings()).filteredOn(b -> b.serviceAccount().equals(EBS)).singleElement()
                .satisfies(b -> assertThat(b.leftovers()).contains("add-on aws-ebs-csi-driver still has "
                        + "serviceAccountRoleArn: IRSA annotation left on its service account (--remove-irsa-annotation "
                        + "clears it once its pods are on Pod Identity)"));
        assertThat(cloud.eks.addon("aws-ebs-csi-driver").orElseThrow().serviceAccountRoleArn()).isEqualTo(ebs);

        MigrationReport cleared = new Migration(cloud.context()).apply(cloud.plan(approved(true, true, false)));

        assertThat(cleared.results()).filteredOn(r -> r.step().equals("addon-role")).singleElement()
                .satisfies(r -> assertThat(r.result()).isEqualTo(StepResult.Result.DONE));
        assertThat(cloud.log.writes()).contains("eks UpdateAddon aws-ebs-csi-driver serviceAccountRoleArn=");
        assertThat(cloud.eks.addon("aws-ebs-csi-driver").orElseThrow().serviceAccountRoleArn()).isNull();
        assertThat(cleared.verification().bindings()).allSatisfy(b -> assertThat(b.leftovers())
                .noneMatch(l -> l.contains("serviceAccountRoleArn")));

        new Rollback(cloud.context()).rollback(cluster, null, false, Duration.ofMinutes(5));

        assertThat(cloud.eks.addon("aws-ebs-csi-driver").orElseThrow().serviceAccountRoleArn()).isEqualTo(ebs);
        assertThat(cloud.log.writes()).contains("eks UpdateAddon aws-ebs-csi-driver serviceAccountRoleArn=" + ebs);
    }

    @Test
    void anAddonWhosePodsStillUseIrsaKeepsItsRole() {
        String ebs = cloud.iam.arn("ebs-csi");
        cloud.iam.role("ebs-csi", irsaTrust("kube-system/ebs-csi-controller-sa"));
        cloud.kubernetes.serviceAccount("kube-system", "ebs-csi-controller-sa", ebs)
                .deployment("kube-system", "ebs-csi-controller", "ebs-csi-controller-sa", 2);
        cloud.eks.addon("aws-ebs-csi-driver", "kube-system", ebs, "ebs-csi-controller-sa");

        MigrationReport report = new Migration(cloud.context()).apply(cloud.plan(approved(false, true, false)));

        assertThat(report.results()).filteredOn(r -> r.step().equals("addon-role")).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(StepResult.Result.SKIPPED);
            assertThat(r.detail()).contains("2 pod(s) of kube-system/ebs-csi-controller-sa still use IRSA");
        });
        assertThat(cloud.eks.addon("aws-ebs-csi-driver").orElseThrow().serviceAccountRoleArn()).isEqualTo(ebs);
    }
}
