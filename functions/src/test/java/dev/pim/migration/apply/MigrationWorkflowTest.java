package dev.pim.migration.apply;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's run follows the same workflow as the state machine: a step it cannot carry out is refused at once. */
class MigrationWorkflowTest {

    @Test
    void hasAnActionForEveryStepOfTheWorkflow() {
        assertDoesNotThrow(() -> new Migration(null, new ConcurrentHashMap<>(), Workflow.MIGRATION));
        Workflow.MIGRATION.steps().forEach(step -> assertTrue(step.action() != null, step.name()));
    }

    @Test
    void refusesAWorkflowWithAStepItHasNoActionFor() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new WorkflowStep("NotAStep", "Nothing.",
                Fanout.ONCE, Optional.empty(), List.of(RetryPolicy.LAMBDA_SERVICE), null));

        assertTrue(e.getMessage().contains("NotAStep"), e.getMessage());
    }
}
