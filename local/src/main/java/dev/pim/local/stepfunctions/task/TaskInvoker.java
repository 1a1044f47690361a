package dev.pim.local.stepfunctions.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.errors.StatesError;

/** Runs the resources of Task states. */
@FunctionalInterface
public interface TaskInvoker {

    /**
     * Runs the resource and returns its raw result (before ResultSelector).
     *
     * @throws StatesError the task's failure, named as Step Functions names it (the Lambda's exception class,
     *                     {@code Lambda.ServiceException}...)
     */
    JsonNode invoke(TaskCall call);

    /** Refuses every task: for definitions without Task states. */
    TaskInvoker NONE = call -> {
        throw new StatesError("States.Runtime", "no task invoker is configured: cannot run " + call.resource().arn());
    };
}
