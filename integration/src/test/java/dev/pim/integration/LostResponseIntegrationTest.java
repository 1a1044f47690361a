package dev.pim.integration;

import dev.pim.local.fault.ErrorRule;
import dev.pim.local.fault.LostResponse;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.RunInterruptedException;
import dev.pim.migration.apply.StepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes that take effect while their answer is lost (a 500, or a connection dropped before the status line), for
 * every mutating operation a migration and a rollback make, and Kubernetes refusing a restart or an annotation
 * patch: the invariants hold throughout (the monitor is enforced here), and a run after it ends where a clean one does.
 */
class LostResponseIntegrationTest {
    static final String ACCOUNT = "111122223333";
    /** Every mutating operation of a full demo migration (the test checks the list is complete). */
    static final List<String> MIGRATION_WRITES = List.of("eks:CreateAddon", "eks:CreatePodIdentityAssociation",
            "eks:UpdateAddon", "iam:UpdateAssumeRolePolicy", "k8s:PatchDaemonSet", "k8s:PatchDeployment",
            "k8s:PatchServiceAccount", "k8s:PatchStatefulSet");
    /** And of its rollback. */
    static final List<String> ROLLBACK_WRITES = List.of("eks:DeleteAddon", "eks:DeletePodIdentityAssociation",
            "eks:UpdateAddon", "iam:UpdateAssumeRolePolicy", "k8s:PatchDaemonSet", "k8s:PatchDeployment",
            "k8s:PatchServiceAccount", "k8s:PatchStatefulSet");

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private static CloudSnapshot clean;
    private static CloudSnapshot start;

    @TempDir
    Path journals;

    @BeforeAll
    static void cleanRun(@TempDir Path journal) {
        resetDemo();
        start = CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "demo");
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            assertThat(engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN)).failures()).isEmpty();
            assertThat(cloud.counters().mutatingSnapshot().keySet()).as("the writes of a migration")
                    .containsExactlyInAnyOrderElementsOf(MIGRATION_WRITES);
            clean = CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "demo");
            cloud.counters().reset();
            assertThat(engine.session.rollback(null, false, Duration.ofSeconds(30))).noneMatch(StepResult::failed);
            assertThat(cloud.counters().mutatingSnapshot().keySet()).as("the writes of a rollback")
                    .containsExactlyInAnyOrderElementsOf(ROLLBACK_WRITES);
        }
    }

    static Stream<Arguments> migrationWrites() {
        return MIGRATION_WRITES.stream().flatMap(op -> Stream.of(LostResponse.Mode.values()).map(mode -> Arguments.of(op, mode)));
    }

    static Stream<Arguments> rollbackWrites() {
        return ROLLBACK_WRITES.stream().flatMap(op -> Stream.of(LostResponse.Mode.values()).map(mode -> Arguments.of(op, mode)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("migrationWrites")
    void aMigrationWriteWhoseAnswerIsLostStillConverges(String operation, LostResponse.Mode mode) throws Exception {
        resetDemo();
        Path journal = Files.createDirectories(journals.resolve("j"));
        cloud.faults().loseResponse(LostResponse.onCall(operation, 1, mode));

        migrateThroughIt(journal);
        assertThat(cloud.faults().lostResponses()).as("the answer of one " + operation + " was lost").isEqualTo(1);
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            MigrationReport again = engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
            assertThat(again.failures()).as("a run after a lost " + operation).isEmpty();
        }

        assertThat(CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "demo")).isEqualTo(clean);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("rollbackWrites")
    void aRollbackWriteWhoseAnswerIsLostStillGivesBackTheStart(String operation, LostResponse.Mode mode) throws Exception {
        resetDemo();
        Path journal = Files.createDirectories(journals.resolve("j"));
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
        }
        cloud.faults().loseResponse(LostResponse.onCall(operation, 1, mode));

        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            rollbackThroughIt(engine);
        }
        cloud.faults().reset();
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            assertThat(engine.session.rollback(null, false, Duration.ofSeconds(30))).noneMatch(StepResult::failed);
        }

        assertBackAtTheStart();
    }

    /** The starting trust policies, annotations, associations and pods' credentials. */
    private static void assertBackAtTheStart() {
        CloudSnapshot after = CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "demo");
        assertThat(after.trustPolicies()).isEqualTo(start.trustPolicies());
        assertThat(after.annotations()).isEqualTo(start.annotations());
        assertThat(after.associations()).isEqualTo(start.associations());
        assertThat(after.podCredentials()).isEqualTo(start.podCredentials());
    }

    @ParameterizedTest(name = "{0} refused once")
    @ValueSource(strings = {"k8s:PatchDeployment", "k8s:PatchStatefulSet", "k8s:PatchDaemonSet", "k8s:PatchServiceAccount"})
    void kubernetesRefusingARestartOrAnAnnotationPatchLeavesThatBindingOnIrsaAndARunLaterFinishes(String operation)
            throws Exception {
        resetDemo();
        Path journal = Files.createDirectories(journals.resolve("j"));
        // A conflict is not retried by the client (a 500 is, and then succeeds): the step sees the refusal.
        cloud.faults().error(ErrorRule.onCall(operation, 1).answering("Conflict", 409, "the object has been modified"));

        MigrationReport first;
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            first = engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
        }
        assertThat(first.failures()).as("what the refused " + operation + " failed").isNotEmpty();
        cloud.faults().reset();
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            assertThat(engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN)).failures()).isEmpty();
        }

        assertThat(CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "demo")).isEqualTo(clean);
    }

    @org.junit.jupiter.api.Test
    void kubernetesRefusingToRestoreAnAnnotationKeepsThatAssociationUntilARollbackLaterFinishes() throws Exception {
        resetDemo();
        Path journal = Files.createDirectories(journals.resolve("j"));
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
        }
        cloud.faults().error(ErrorRule.onCall("k8s:PatchServiceAccount", 1).answering("Conflict", 409, "modified"));

        List<StepResult> first;
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            first = engine.session.rollback(null, false, Duration.ofSeconds(30));
        }
        assertThat(first).filteredOn(StepResult::failed).extracting(StepResult::step).contains("annotation", "association");
        cloud.faults().reset();
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            assertThat(engine.session.rollback(null, false, Duration.ofSeconds(30))).noneMatch(StepResult::failed);
        }

        assertBackAtTheStart();
    }

    private static void migrateThroughIt(Path journal) {
        try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
            engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
        } catch (RunInterruptedException stopped) {
            // A lost answer may stop the run: what matters is that the next one converges.
        }
    }

    private static List<StepResult> rollbackThroughIt(LocalEngine engine) {
        try {
            return engine.session.rollback(null, false, Duration.ofSeconds(30));
        } catch (RuntimeException stopped) {
            return new ArrayList<>();
        }
    }

    private static void resetDemo() {
        cloud.cloud().reset(FixtureLoader.load("demo"));
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofMillis(50));
    }
}
