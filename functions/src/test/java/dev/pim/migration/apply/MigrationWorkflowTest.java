package dev.pim.migration.apply;

import dev.pim.migration.workflow.Fanout;
import dev.pim.migration.workflow.RetryPolicy;
import dev.pim.migration.workflow.Workflow;
import dev.pim.migration.workflow.WorkflowStep;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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
    }

    @Test
    void refusesAWorkflowWithAStepItHasNoActionFor() {
        List<WorkflowStep> steps = new ArrayList<>(Workflow.MIGRATION.steps());
        steps.add(steps.size() - 1, new WorkflowStep("NotAStep", "Nothing.", Fanout.ONCE, Optional.empty(),
                List.of(RetryPolicy.LAMBDA_SERVICE)));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Migration(null, new ConcurrentHashMap<>(), new Workflow(steps)));

        assertTrue(e.getMessage().contains("[NotAStep]"), e.getMessage());
    }
}
