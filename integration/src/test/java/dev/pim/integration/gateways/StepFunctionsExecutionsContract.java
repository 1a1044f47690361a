package dev.pim.integration.gateways;

import dev.pim.aws.StepFunctionsExecutions;
import dev.pim.fleet.Executions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher's executions, through {@link StepFunctionsExecutions}: one body, run on each endpoint. */
abstract class StepFunctionsExecutionsContract extends GatewayContract {

    @Test
    void aDuplicateRequestStartsNoSecondExecution() {
        String definition = """
                {"StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}""";
        String arn = clients.sfn().createStateMachine(r -> r.name(unique("MigrateClusterStateMachine")).definition(definition)
                .roleArn("arn:aws:iam::" + account + ":role/pim-operator")).stateMachineArn();
        Executions executions = new StepFunctionsExecutions(clients.sfn(), arn, CloudEndpoint.quickBackoff());

        assertThat(executions.start("pim-demo-3f2a", "{\"cluster\":\"demo\"}")).isEqualTo(Executions.Started.STARTED);
        assertThat(executions.start("pim-demo-3f2a", "{\"cluster\":\"demo\"}")).isEqualTo(Executions.Started.ALREADY_EXISTS);
        assertThat(clients.sfn().listExecutions(r -> r.stateMachineArn(arn)).executions()).hasSize(1);
        assertThat(executions.running(10)).isBetween(0, 1);
    }
}
