package dev.pim.migration.apply;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.fake.FakeCloud;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.preflight.Preflight;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pim.migration.fake.FakeCloud.approved;
import static dev.pim.migration.fake.FakeCloud.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A whole apply against in-memory IAM, EKS and Kubernetes: the order of the writes, that a second apply writes
 * nothing, and that a run stopped between steps is finished by the next one.
 */
class MigrationTest {
    private static final ServiceAccountRef ORDERS = new ServiceAccountRef("shop", "orders");
    private static final ServiceAccountRef LEDGER = new ServiceAccountRef("shop", "ledger");
    private final FakeCloud cloud = new FakeCloud();

    @BeforeEach
    void twoServiceAccountsOnIrsaWithTheirOwnRoles() {
        cloud.iam.role("orders-reader", irsaTrust("shop/orders")).role("ledger-writer", irsaTrust("shop/ledger"));
        cloud.kubernetes.serviceAccount("shop", "orders", cloud.iam.arn("orders-reader"))
                .serviceAccount("shop", "ledger", cloud.iam.arn("ledger-writer"))
                .deployment("shop", "orders-api", "orders", 2)
                .deployment("shop", "ledger-api", "ledger", 1);
    }

    private MigrationReport apply(MigrationOptions options) {
        return new Migration(cloud.context()).apply(cloud.plan(options));
    }

    @Test
    void installsTheAgentThenAddsEachRolesTrustBeforeCreatingItsAssociation() {
        MigrationReport report = apply(approved(false, false, false));

        assertThat(report.status()).isEqualTo(MigrationReport.Status.SUCCEEDED);
        int agent = cloud.log.indexOf("eks CreateAddon " + Preflight.AGENT_ADDON);
        for (String[] roleAndSa : List.of(new String[]{"orders-reader", "shop/orders"}, new String[]{"ledger-writer", "shop/ledger"})) {
            int trust = cloud.log.indexOf("iam UpdateAssumeRolePolicy " + roleAndSa[0]);
            int association = cloud.log.indexOf("eks CreatePodIdentityAssociation " + roleAndSa[1]);
            assertThat(agent).isLessThan(trust);
            assertThat(trust).as("trust of %s before the association of %s", roleAndSa[0], roleAndSa[1]).isLessThan(association);
        }
        assertThat(cloud.eks.association(ORDERS)).map(AssociationInfo::roleArn).contains(cloud.iam.arn("orders-reader"));
        assertThat(cloud.eks.association(ORDERS).orElseThrow().tags()).containsEntry(AssociationSteps.RUN_TAG, report.runId());
    }

    @Test
    void restartsOnlyOnceTheAssociationExistsAndRemovesTheAnnotationOnlyOnceThePodsMoved() {
        MigrationReport report = apply(approved(true, true, false));

        assertThat(report.status()).isEqualTo(MigrationReport.Status.SUCCEEDED);
        int association = cloud.log.indexOf("eks CreatePodIdentityAssociation shop/orders");
        int restart = cloud.log.indexOf("k8s Restart Deployment shop/orders-api");
        int annotation = cloud.log.indexOf("k8s RemoveAnnotation shop/orders");
        assertThat(association).isLessThan(restart);
        assertThat(restart).isLessThan(annotation);
        assertThat(cloud.kubernetes.pods()).allMatch(p -> p.hasPodIdentityEnvironment() && !p.hasIrsaEnvironment());
        assertThat(cloud.kubernetes.annotation(ORDERS)).isEmpty();
        assertThat(report.verification().clean()).isTrue();
    }

    @Test
    void keepsTheAnnotationOfPodsThatWereNotRestarted() {
        MigrationReport report = apply(approved(false, true, false));

        assertThat(cloud.kubernetes.annotation(ORDERS)).contains(cloud.iam.arn("orders-reader"));
        assertThat(cloud.log.writes()).noneMatch(w -> w.startsWith("k8s RemoveAnnotation"));
        assertThat(report.results()).filteredOn(r -> r.step().equals("annotation"))
                .allSatisfy(r -> assertThat(r.detail()).contains("still use IRSA"));
    }

    @Test
    void aSecondApplyWritesNothingAndReportsEveryStepUnchanged() {
        apply(approved(true, true, true));
        int mark = cloud.log.size();

        MigrationReport again = apply(approved(true, true, true));

        assertThat(cloud.log.writesSince(mark)).isEmpty();
        assertThat(again.status()).isEqualTo(MigrationReport.Status.SUCCEEDED);
        assertThat(again.changedAnything()).isFalse();
        assertThat(cloud.journal.entries(again.runId())).noneMatch(e -> e instanceof JournalEntry.TrustWritten
                || e instanceof JournalEntry.AssociationCreated || e instanceof JournalEntry.AnnotationRemoved);
    }

    @Test
    void theSamePlanAppliedAgainWritesNothing() {
        // What a retried pipeline step does: it reads the stored plan, made before the first attempt wrote anything.
        var plan = cloud.plan(approved(true, true, true));
        new Migration(cloud.context()).apply(plan);
        int mark = cloud.log.size();

        MigrationReport again = new Migration(cloud.context()).apply(plan);

        assertThat(cloud.log.writesSince(mark)).isEmpty();
        assertThat(again.status()).isEqualTo(MigrationReport.Status.SUCCEEDED);
        assertThat(again.changedAnything()).isFalse();
        assertThat(again.results()).filteredOn(r -> r.step().equals("trust") || r.step().equals("association"))
                .hasSize(4).allSatisfy(r -> assertThat(r.result()).isEqualTo(StepResult.Result.UNCHANGED));
    }

    @Test
    void removesTheClustersOidcTrustOnlyForVerifiedBindings() {
        // Without restarts the pods stay on IRSA, so nothing is verified and the OIDC trust must stay.
        apply(approved(false, false, true));
        assertThat(cloud.iam.trustPolicy("orders-reader")).contains("system:serviceaccount:shop:orders");

        apply(approved(true, false, true));
        assertThat(cloud.iam.trustPolicy("orders-reader")).doesNotContain("system:serviceaccount:shop:orders")
                .contains("pods.eks.amazonaws.com");
        int association = cloud.log.indexOf("eks CreatePodIdentityAssociation shop/orders");
        int restart = cloud.log.indexOf("k8s Restart Deployment shop/orders-api");
        assertThat(cloud.log.writes().lastIndexOf("iam UpdateAssumeRolePolicy orders-reader"))
                .isGreaterThan(association).isGreaterThan(restart);
    }

    @Test
    void aRunStoppedBetweenStepsIsFinishedByTheNextWithoutRepeatingAWrite() {
        MigrationOptions options = approved(true, false, false);
        var plan = cloud.plan(options);
        // The Kubernetes API goes away after planning: trust and associations are written, the restarts cannot be.
        cloud.kubernetes.unreachable(new IllegalStateException("connection refused"));

        assertThatThrownBy(() -> new Migration(cloud.context()).apply(plan))
                .isInstanceOfSatisfying(RunInterruptedException.class, e -> assertThat(e.mayHaveChanged()).isTrue());
        assertThat(cloud.journal.runs(plan.cluster().ref())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("interrupted"));
        assertThat(cloud.log.writes()).noneMatch(w -> w.startsWith("k8s Restart"));

        cloud.kubernetes.reachable();
        MigrationReport resumed = new Migration(cloud.context()).apply(plan);

        assertThat(resumed.status()).isEqualTo(MigrationReport.Status.SUCCEEDED);
        assertThat(cloud.log.writes()).containsOnlyOnce("iam UpdateAssumeRolePolicy orders-reader",
                "eks CreatePodIdentityAssociation shop/orders", "eks CreateAddon " + Preflight.AGENT_ADDON);
        assertThat(cloud.log.writes()).contains("k8s Restart Deployment shop/orders-api", "k8s Restart Deployment shop/ledger-api");
        assertThat(resumed.verification().verified()).containsExactlyInAnyOrder(ORDERS, LEDGER);
    }

    @Test
    void aRoleIamRefusesGetsNoAssociationWhileTheOtherRoleIsMigrated() {
        cloud.iam.refuseUpdatesOf("ledger-writer", "UnmodifiableEntity");

        MigrationReport report = apply(approved(false, false, false));

        assertThat(report.status()).isEqualTo(MigrationReport.Status.PARTIAL);
        assertThat(cloud.eks.association(LEDGER)).isEmpty();
        assertThat(cloud.eks.association(ORDERS)).isPresent();
        assertThat(report.failures()).extracting(StepResult::step, StepResult::subject).containsExactlyInAnyOrder(
                tuple("trust", cloud.iam.arn("ledger-writer")),
                tuple("association", "shop/ledger"));
        assertThat(cloud.journal.run(report.runId())).map(r -> r.status()).contains("partial");
    }

    @Test
    void anAgentThatFailsToInstallStopsTheRunBeforeAnyTrustOrAssociationWrite() {
        cloud.eks.addonsSettleTo("CREATE_FAILED");

        MigrationReport report = apply(approved(true, true, true));

        assertThat(report.status()).isNotEqualTo(MigrationReport.Status.SUCCEEDED);
        // FAILED, not PARTIAL, though its install was done: without the agent nothing can migrate.
        assertThat(report.status()).isEqualTo(MigrationReport.Status.FAILED);
        assertThat(cloud.log.writes()).containsExactly("eks CreateAddon " + Preflight.AGENT_ADDON);
        assertThat(report.failures()).singleElement().satisfies(f -> assertThat(f.detail()).contains("FAILED"));
    }

    @Test
    void anAssociationSomeoneElseMadeWithTheSameRoleCountsAsDoneAndOneWithAnotherRoleIsNotOverwritten() {
        var plan = cloud.plan(approved(false, false, false));
        // Between plan and apply, someone else associates both service accounts.
        cloud.iam.role("intruder", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}");
        AssociationInfo sameRole = cloud.eks.association(ORDERS, cloud.iam.arn("orders-reader"));
        AssociationInfo otherRole = cloud.eks.association(LEDGER, cloud.iam.arn("intruder"));

        MigrationReport report = new Migration(cloud.context()).apply(plan);

        assertThat(report.results()).filteredOn(r -> r.step().equals("association"))
                .extracting(StepResult::subject, StepResult::result).containsExactlyInAnyOrder(
                        tuple("shop/orders", StepResult.Result.UNCHANGED),
                        tuple("shop/ledger", StepResult.Result.FAILED));
        assertThat(cloud.eks.association(ORDERS)).contains(sameRole);
        assertThat(cloud.eks.association(LEDGER)).contains(otherRole);
        assertThat(cloud.log.writes()).noneMatch(w -> w.startsWith("eks CreatePodIdentityAssociation")
                || w.startsWith("eks DeletePodIdentityAssociation"));
    }

    @Test
    void aWorkloadKubernetesRefusesToRestartFailsAloneAndKeepsItsAnnotation() {
        cloud.kubernetes.refuseRestartOf(new WorkloadRef("Deployment", "shop", "ledger-api"));

        MigrationReport report = apply(approved(true, true, false));

        assertThat(report.status()).isEqualTo(MigrationReport.Status.PARTIAL);
        assertThat(cloud.kubernetes.annotation(LEDGER)).isPresent();
        assertThat(cloud.kubernetes.annotation(ORDERS)).isEmpty();
    }
}
