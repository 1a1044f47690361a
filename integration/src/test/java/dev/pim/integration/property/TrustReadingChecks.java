package dev.pim.integration.property;

import dev.pim.local.iam.PolicyEvaluator;
import dev.pim.local.iam.RequestContext;
import dev.pim.migration.trust.TrustDecision;
import dev.pim.migration.trust.TrustPolicy;
import dev.pim.migration.trust.WebIdentityAccess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrator's reading of one trust policy held against the local cloud's, for the web-identity call of one
 * subject and audience: what {@link TrustReadingDifferentialTest} checks over generated policies and
 * {@link RegressionCasesTest} over saved ones.
 */
final class TrustReadingChecks {
    private TrustReadingChecks() {
    }

    /** Whenever the migrator is sure of the call, IAM as the emulator models it decides it alike. */
    static void webIdentityDecidedAlike(String roleArn, String policy, String subject, String audience) {
        TrustDecision migrator = TrustPolicy.parse(roleArn, policy).webIdentity(Scenario.PROVIDER, subject, audience).decision();
        PolicyEvaluator.Decision iam = new PolicyEvaluator().decide(policy,
                RequestContext.webIdentity(Scenario.PROVIDER, Scenario.ISSUER, subject, audience));
        agree(migrator, iam, policy + " for " + subject + " (audience " + audience + ")");
    }

    /**
     * The migrator takes a service account named outright by a trust statement for a binding of its own; the invariant
     * monitor counts the same statements as what the service account reaches at the start. Where the migrator is sure
     * the call is allowed, both must see the same answer, or the monitor would miss (or invent) a widening.
     */
    static void namedOutrightAlike(String roleArn, String policy, String subject, String audience) {
        WebIdentityAccess migrator = TrustPolicy.parse(roleArn, policy).webIdentity(Scenario.PROVIDER, subject, audience);
        PolicyEvaluator emulator = new PolicyEvaluator();
        PolicyEvaluator.Evaluation iam = emulator.evaluate(policy, RequestContext.webIdentity(Scenario.PROVIDER,
                Scenario.ISSUER, subject, audience), PolicyEvaluator.Unknowns.UNFAVOURABLE);
        boolean monitorNamed = iam.decision().allowed() && iam.statements().stream()
                .anyMatch(i -> emulator.lists(policy, i, Scenario.ISSUER + ":sub", subject));
        if (migrator.allowed()) {
            assertThat(monitorNamed).as("the monitor finds a statement naming " + subject + " outright in " + policy
                    + " (audience " + audience + ")").isEqualTo(migrator.named());
        }
    }

    static void agree(TrustDecision migrator, PolicyEvaluator.Decision iam, String what) {
        switch (migrator.outcome()) {
            case ALLOWED -> assertThat(iam).as("the migrator allows " + what).isEqualTo(PolicyEvaluator.Decision.ALLOW);
            case DENIED -> assertThat(iam).as("the migrator denies " + what).isEqualTo(PolicyEvaluator.Decision.EXPLICIT_DENY);
            case NOT_ALLOWED -> assertThat(iam).as("the migrator does not allow " + what).isNotEqualTo(PolicyEvaluator.Decision.ALLOW);
            case UNCERTAIN -> {
                // The migrator says it cannot tell (a key it does not know): nothing to hold it to.
            }
        }
    }
}
