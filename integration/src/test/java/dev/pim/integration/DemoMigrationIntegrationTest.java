package dev.pim.integration;

import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.plan.BindingClass;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo cluster migrated end to end through the engine, against the local cloud. */
class DemoMigrationIntegrationTest {
    static final String ACCOUNT = "111122223333";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo").withAddonSettleTime(Duration.ofMillis(100));

    @TempDir
    Path journal;

    @Test
    void applyConvergesAndASecondApplyMakesNoMutatingCall() {
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            MigrationReport first = engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
            assertThat(first.failures()).isEmpty();
            assertThat(first.status()).isEqualTo(MigrationReport.Status.SUCCEEDED);
            assertThat(first.count("association", StepResult.Result.DONE)).isEqualTo(16);
            assertThat(first.count("addon", StepResult.Result.DONE)).isEqualTo(2);
            assertThat(first.verification().clean()).isTrue();

            cloud.counters().reset();
            MigrationPlan again = engine.session.plan(LocalEngine.FULL_RUN);
            assertThat(again.bindings()).allSatisfy(b -> assertThat(b.bindingClass()).isEqualTo(BindingClass.ALREADY_MIGRATED));
            MigrationReport second = engine.session.migrate(again);
            assertThat(second.failures()).isEmpty();
            assertThat(cloud.counters().mutatingSnapshot()).as("mutating calls of the second apply").isEmpty();
        }
    }

    @Test
    void verifyIsCleanAfterRestartingWorkloads() {
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            MigrationOptions restartOnly = MigrationOptions.builder().approve(true).restartWorkloads(true)
                    .restartBudget(3).timeout(Duration.ofSeconds(30)).build();
            engine.session.migrate(engine.session.plan(restartOnly));
            MigrationPlan now = engine.session.plan(MigrationOptions.planOnly());
            VerificationReport report = engine.session.verify(now.bindings(), now.providerArn());
            assertThat(report.bindings()).hasSize(18);
            assertThat(report.clean()).isTrue();
            // EKS itself removes the annotation of add-on service accounts once they have associations.
            assertThat(report.bindings()).filteredOn(b -> !b.serviceAccount().namespace().equals("kube-system")
                            || b.serviceAccount().name().equals("external-dns"))
                    .allSatisfy(b -> assertThat(b.leftovers()).anyMatch(l -> l.contains("annotation")));
        }
    }

    @Test
    void withoutRestartsTheAnnotationAndTheOidcTrustStay() {
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            MigrationOptions noRestart = MigrationOptions.builder().approve(true).removeIrsaAnnotation(true)
                    .removeOidcTrust(true).timeout(Duration.ofSeconds(30)).build();
            MigrationReport report = engine.session.migrate(engine.session.plan(noRestart));
            List<StepResult> annotations = report.results().stream().filter(r -> r.step().equals("annotation")).toList();
            assertThat(annotations).filteredOn(r -> r.result() == StepResult.Result.DONE)
                    .as("add-on service accounts lose the annotation through EKS, the others keep it").isEmpty();
            // EKS rolls an add-on's pods when its associations change: only those are verified, and only their
            // roles lose this cluster's OIDC subjects.
            assertThat(report.verification().verified()).extracting(Object::toString)
                    .containsExactlyInAnyOrder("kube-system/aws-node", "kube-system/ebs-csi-controller-sa");
            assertThat(report.results()).filteredOn(r -> r.step().equals("oidc-cleanup") && r.result() == StepResult.Result.DONE)
                    .extracting(StepResult::subject).containsExactlyInAnyOrder(
                            "arn:aws:iam::111122223333:role/demo-vpc-cni", "arn:aws:iam::111122223333:role/demo-ebs-csi");
        }
    }

    @Test
    void rollbackBringsBackTheFixtureState() {
        CloudSnapshot before = CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "demo");
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            MigrationReport report = engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
            assertThat(report.status()).isEqualTo(MigrationReport.Status.SUCCEEDED);
            assertThat(CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "demo")).isNotEqualTo(before);

            List<StepResult> rollback = engine.session.rollback(null, false, Duration.ofSeconds(30));
            assertThat(rollback).noneMatch(StepResult::failed);
        }
        assertThat(CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "demo")).isEqualTo(before);
    }
}
