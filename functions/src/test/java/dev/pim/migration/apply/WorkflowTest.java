package dev.pim.migration.apply;

import dev.pim.migration.plan.MigrationOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkflowTest {
    private static final List<String> NAMES = Workflow.MIGRATION.steps().stream().map(WorkflowStep::name).toList();

    @Test
    void everyWriteComesAfterWhatMakesItSafe() {
        // Originals saved (Discover) before any write; the agent before associations; associations before annotations go;
        // OIDC trust removed only after verification.
        assertBefore("Preflight", "Discover");
        assertBefore("Discover", "EnsureAgent");
        assertBefore("EnsureAgent", "MigrateRoles");
        assertBefore("MigrateRoles", "MigrateAddons");
        assertBefore("MigrateAddons", "RestartWorkloads");
        assertBefore("RestartWorkloads", "RemoveAnnotations");
        assertBefore("RemoveAnnotations", "Verify");
        assertBefore("Verify", "StripOidcTrust");
        assertEquals("Report", NAMES.get(NAMES.size() - 1));
    }

    @Test
    void onlyTheOptionalStepsWaitForTheirOption() {
        MigrationOptions none = MigrationOptions.builder().approve(true).restartBudget(2).timeout(Duration.ofMinutes(1)).build();
        MigrationOptions all = MigrationOptions.builder().approve(true).restartWorkloads(true).restartBudget(2)
                .removeIrsaAnnotation(true).removeOidcTrust(true).timeout(Duration.ofMinutes(1)).build();

        List<String> skippedByDefault = Workflow.MIGRATION.steps().stream().filter(s -> !s.enabledIn(none))
                .map(WorkflowStep::name).toList();

        assertEquals(List.of("RestartWorkloads", "RemoveAnnotations", "StripOidcTrust"), skippedByDefault);
        assertTrue(Workflow.MIGRATION.steps().stream().allMatch(s -> s.enabledIn(all)));
    }

    @Test
    void everyStepRetriesTheLambdaServiceAndThrottling() {
        Workflow.MIGRATION.steps().forEach(s -> assertEquals(List.of(RetryPolicy.LAMBDA_SERVICE, RetryPolicy.THROTTLED),
                s.retries(), s.name()));
        assertEquals("dev.pim.migration.port.ThrottledException", RetryPolicy.THROTTLED.errors().get(0));
    }

    @Test
    void refusesTwoStepsOfOneName() {
        WorkflowStep verify = Workflow.MIGRATION.step("Verify");

        assertThrows(IllegalArgumentException.class, () -> new Workflow(List.of(verify, verify)));
        assertFalse(Workflow.MIGRATION.steps().isEmpty());
    }

    @Test
    void namesTheStepItDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workflow.MIGRATION.step("NotAStep"));

        assertTrue(e.getMessage().contains("'NotAStep'"), e.getMessage());
    }

    private static void assertBefore(String first, String then) {
        assertTrue(NAMES.indexOf(first) >= 0 && NAMES.indexOf(first) < NAMES.indexOf(then), first + " must come before " + then
                + " in " + NAMES);
    }
}
