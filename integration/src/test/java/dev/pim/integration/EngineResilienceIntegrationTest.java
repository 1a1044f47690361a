package dev.pim.integration;

import dev.pim.local.fault.ErrorRule;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.junit.UseFixture;
import dev.pim.local.state.AssociationState;
import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.plan.BindingClass;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine under the failures AWS serves: throttling, IAM propagation delay, one failing binding. */
class EngineResilienceIntegrationTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo").withAddonSettleTime(Duration.ofMillis(100));

    @TempDir
    Path journal;

    @Test
    void throttlingNeverFailsARun() {
        cloud.faults().rateLimit("iam:read", 20, 5).rateLimit("iam:write", 5, 2)
                .rateLimit("eks:read", 20, 5).rateLimit("eks:write", 5, 2).rateLimit("k8s:write", 10, 3);
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            MigrationReport report = engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
            assertThat(report.failures()).isEmpty();
            assertThat(report.verification().clean()).isTrue();
        }
        assertThat(cloud.faults().throttledCalls()).as("the limits did bite").isGreaterThan(10);
    }

    @Test
    void associationsWaitForIamPropagation() {
        cloud.cloud().write(s -> s.behaviour.iamPropagationDelay = Duration.ofMillis(700));
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            MigrationReport report = engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
            assertThat(report.failures()).isEmpty();
            assertThat(report.count("association", StepResult.Result.DONE)).isEqualTo(16);
        }
        assertThat(cloud.counters().count("eks:CreatePodIdentityAssociation"))
                .as("EKS refused some at first: it saw the old trust policy").isGreaterThan(16);
    }

    @Test
    void oneFailingBindingDoesNotStopTheOthers() {
        cloud.faults().error(ErrorRule.onCall("eks:CreatePodIdentityAssociation", 3)
                .answering("InvalidParameterException", 400, "Pod Identity is temporarily unavailable for this namespace"));
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            MigrationReport report = engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
            assertThat(report.status()).isEqualTo(MigrationReport.Status.PARTIAL);
            assertThat(report.failures()).singleElement().satisfies(f -> {
                assertThat(f.step()).isEqualTo("association");
                assertThat(f.detail()).contains("temporarily unavailable");
            });
            assertThat(report.count("association", StepResult.Result.DONE)).isEqualTo(15);

            MigrationReport rerun = engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
            assertThat(rerun.failures()).isEmpty();
            assertThat(rerun.count("association", StepResult.Result.DONE)).isEqualTo(1);
        }
    }

    @Test
    @UseFixture("scenario-cross-account-role")
    void crossAccountRoleIsReachedThroughABridgeRoleWhenAsked() {
        MigrationOptions bridged = MigrationOptions.builder().approve(true).concurrency(2)
                .timeout(Duration.ofSeconds(30)).crossAccountBridgeRole("pod-identity-bridge").build();
        try (LocalEngine engine = new LocalEngine(cloud, "apps", journal)) {
            MigrationPlan plan = engine.session.plan(bridged);
            assertThat(plan.bindings()).filteredOn(b -> b.serviceAccount().toString().equals("analytics/reader"))
                    .singleElement().satisfies(b -> assertThat(b.bindingClass()).isEqualTo(BindingClass.MIGRATABLE));
            MigrationReport report = engine.session.migrate(plan);
            assertThat(report.failures()).isEmpty();
        }
        AssociationState reader = cloud.cloud().read(s -> s.cluster("111122223333", "us-west-2", "apps").orElseThrow()
                .associations.values().stream().filter(a -> a.serviceAccount.equals("reader")).findFirst().orElseThrow());
        assertThat(reader.roleArn).isEqualTo("arn:aws:iam::111122223333:role/pod-identity-bridge");
        assertThat(reader.targetRoleArn).isEqualTo("arn:aws:iam::444455556666:role/data-reader");
        String localDataReader = cloud.cloud().read(s -> s.account("111122223333").role("data-reader").orElseThrow().trustPolicy);
        assertThat(localDataReader)
                .as("the same-named local role eksctl would edit is left alone").doesNotContain("oidc-provider");
    }
}
