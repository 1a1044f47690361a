package dev.pim.local.stepfunctions.api;

import dev.pim.local.stepfunctions.asl.StateMachineDefinition;

import java.time.Instant;

/** A state machine as the API knows it. */
record StateMachineRecord(String arn, String name, String definitionText, StateMachineDefinition definition,
                          String roleArn, String type, Instant creationDate, String revisionId, long sequence) {

    String region() {
        return arn.split(":")[3];
    }

    String accountId() {
        return arn.split(":")[4];
    }
}
