package dev.pim.local.stepfunctions.api;

import dev.pim.local.stepfunctions.engine.ExecutionRun;

/** An execution as the API lists it: the live run plus what StartExecution was given. */
record ExecutionRecord(ExecutionRun run, String inputText, long sequence) {

    String arn() {
        return run.spec().executionArn();
    }

    String stateMachineArn() {
        return run.spec().stateMachineArn();
    }
}
