package dev.pim.integration.property;

import dev.pim.local.iam.PolicyEvaluator;
import dev.pim.local.iam.RequestContext;
import dev.pim.migration.trust.CallFacts;
import dev.pim.migration.trust.TrustDecision;
import dev.pim.migration.trust.TrustPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrator's reading of trust policies (the domain's {@link TrustPolicy}) against the local cloud's
 * ({@link PolicyEvaluator}), two implementations written apart: over generated policies, whenever the migrator is sure
 * a call is allowed or refused, IAM as the emulator models it must agree. A disagreement is a defect in one of them.
 */
@AddLifecycleHook(value = PropertySummary.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class TrustReadingDifferentialTest {
    private static final String CLUSTER_ARN = "arn:aws:eks:us-west-2:" + Scenario.ACCOUNT + ":cluster/" + Scenario.CLUSTER;
    private final PolicyEvaluator emulator = new PolicyEvaluator();

    @Provide
    Arbitrary<Tuple.Tuple3<Scenario, Integer, String>> policiesAndSubjects() {
        return Scenarios.scenarios().flatMap(s -> Arbitraries.integers().between(0, s.roles().size() - 1).flatMap(role ->
                Arbitraries.integers().between(-2, s.serviceAccounts().size() - 1)
                        .map(i -> Tuple.of(s, role, TrustStatements.subject(s, i)))));
    }

    @Property(tries = 1500)
    void aWebIdentityCallTheMigratorIsSureOfIsDecidedAlikeByTheEmulator(
            @ForAll("policiesAndSubjects") Tuple.Tuple3<Scenario, Integer, String> c,
            @ForAll("audiences") String audience) {
        TrustReadingChecks.webIdentityDecidedAlike(Scenario.roleArn(c.get2()), c.get1().trustPolicy(c.get2()), c.get3(),
                audience);
    }

    @Property(tries = 1000)
    void aPodIdentitySessionTheMigratorIsSureOfIsDecidedAlikeByTheEmulator(
            @ForAll("policiesAndSubjects") Tuple.Tuple3<Scenario, Integer, String> c,
            @ForAll("podIdentityActions") String action) {
        String policy = c.get1().trustPolicy(c.get2());
        String[] subject = c.get3().split(":");
        TrustDecision migrator = TrustPolicy.parse(Scenario.roleArn(c.get2()), policy).decide(CallFacts.podIdentity(
                action, CLUSTER_ARN, Optional.of(subject[2]), Optional.of(subject[3])));
        PolicyEvaluator.Decision iam = emulator.decide(policy, RequestContext.podIdentity(action, CLUSTER_ARN, subject[2],
                subject[3], Optional.of(Map.entry(subject[3] + "-abc12", "uid")), true));
        TrustReadingChecks.agree(migrator, iam, policy + " for " + action + " by a pod of " + c.get3());
    }

    /** See {@link TrustReadingChecks#namedOutrightAlike}. */
    @Property(tries = 500)
    void aStatementNamingTheSubjectOutrightIsSeenAlikeByTheMonitor(
            @ForAll("policiesAndSubjects") Tuple.Tuple3<Scenario, Integer, String> c,
            @ForAll("audiences") String audience) {
        TrustReadingChecks.namedOutrightAlike(Scenario.roleArn(c.get2()), c.get1().trustPolicy(c.get2()), c.get3(), audience);
    }

    @Provide
    Arbitrary<String> audiences() {
        return Arbitraries.of("sts.amazonaws.com", "vault");
    }

    @Provide
    Arbitrary<String> podIdentityActions() {
        return Arbitraries.of(List.of(CallFacts.ASSUME_ROLE, CallFacts.TAG_SESSION));
    }
}
