package dev.pim.integration.gateways;

import dev.pim.aws.AwsClients;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A fleet's member accounts are reached by assuming a role with STS ({@link AwsClients#assuming}): run on each endpoint. */
abstract class StsContract extends GatewayContract {

    @Test
    void clientsAssumingARoleActAsItsSession() {
        String caller = clients.sts().getCallerIdentity().arn();
        String callerRole = caller.contains(":assumed-role/")
                ? "arn:aws:iam::" + account + ":role/" + caller.replaceAll(".*:assumed-role/([^/]+)/.*", "$1") : caller;
        String name = unique("PodIdentityMigratorMember");
        String trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::%s:root","%s"]},\
                "Action":"sts:AssumeRole"}]}""".formatted(account, callerRole);
        String roleArn = clients.iam().createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust)).role().arn();

        try (AwsClients member = clients.assuming(roleArn, "pim-fleet-scan")) {
            assertThat(member.sts().getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::" + account + ":assumed-role/" + name + "/pim-fleet-scan");
        }
    }
}
