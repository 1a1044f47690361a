package dev.pim.local.stepfunctions.api;

import dev.pim.local.stepfunctions.asl.StateMachineDefinition;

import java.time.Instant;

/**
 * A state machine as the API knows it; replaced whole on update (running executions keep the definition they
 * started with).
 */
record StateMachineRecord(String arn, String name, String definitionText, StateMachineDefinition definition,
                          String roleArn, String type, Instant creationDate, String revisionId, long sequence) {

    StateMachineRecord updated(String newText, StateMachineDefinition newDefinition, String newRoleArn, String newRevision) {
        return new StateMachineRecord(arn, name, newText, newDefinition, newRoleArn, type, creationDate, newRevision, sequence);
    }

    String region() {
        return arn.split(":")[3];
    }

    String accountId() {
        return arn.split(":")[4];
    }
}
