package dev.pim.local.stepfunctions.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run of a Task state's resource.
 *
 * @param parameters the state's effective parameters (after InputPath and Parameters)
 */
public record TaskCall(TaskResource resource, JsonNode parameters, String region, String accountId,
                       String executionArn, String stateName) {
}
