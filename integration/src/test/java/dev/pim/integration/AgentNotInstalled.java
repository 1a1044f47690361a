package dev.pim.integration;

import dev.pim.local.fault.CallCounters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration stopped by a Pod Identity agent that does not install, as both paths must show it (the CLI's run and
 * the state machine's): the same run-status rule, so the same checks.
 */
public final class AgentNotInstalled {
    private AgentNotInstalled() {
    }

    /**
     * The failures name the agent's version, the {@code status} its install ended in and its health; nothing that
     * comes after the agent was written: no trust policy, no association, no add-on update.
     */
    public static void assertStoppedTheRun(String failures, String status, CallCounters counters) {
        assertThat(failures).contains("add-on eks-pod-identity-agent v1.3.4-eksbuild.1 is " + status)
                .contains("InsufficientNumberOfReplicas");
        assertThat(counters.count("iam:UpdateAssumeRolePolicy")).isZero();
        assertThat(counters.count("eks:CreatePodIdentityAssociation")).isZero();
        assertThat(counters.count("eks:UpdateAddon")).isZero();
    }
}
