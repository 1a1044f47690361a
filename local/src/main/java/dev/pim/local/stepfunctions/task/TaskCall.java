package dev.pim.local.stepfunctions.task;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * One run of a Task state's resource.
 *
 * @param parameters the state's effective parameters (after InputPath and Parameters)
 * @param timeout    the Task's TimeoutSeconds, or null: how long the resource may take (handlers see it as
 *                   their remaining time when it is shorter than the function's own timeout)
 */
public record TaskCall(TaskResource resource, JsonNode parameters, String region, String accountId,
                       String executionArn, String stateName, Duration timeout) {
}
