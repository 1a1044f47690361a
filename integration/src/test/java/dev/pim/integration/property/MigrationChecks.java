package dev.pim.integration.property;

import dev.pim.integration.CloudSnapshot;
import dev.pim.local.LocalCloud;
import dev.pim.migration.apply.AssociationSteps;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.verify.BindingVerification;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promises the generated scenarios are held to, each a check of one scenario that the properties run over
 * generated cases and the regression cases run over saved ones.
 */
final class MigrationChecks {

    private MigrationChecks() {
    }

    /** A plan makes no write. */
    static void planMakesNoWrite(LocalCloud cloud, String fixture, RunOptions options) {
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            run.plan(options);
            assertThat(run.writes()).as("writes made by a plan").isZero();
            assertThat(cloud.counters().mutatingSnapshot()).as("mutating calls of a plan").isEmpty();
        }
    }

    /** Applying keeps the three invariants at every call, and at the end. */
    static void applyKeepsTheInvariants(LocalCloud cloud, String fixture, RunOptions options) {
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            // The monitor judges again only what each call can change; here it also judges everything afresh.
            cloud.invariants().crossCheck(true);
            run.migrate(options);
            assertThat(run.violations()).as("invariant violations of " + options).isEmpty();
            assertThat(cloud.invariants().incrementalDrift()).as("the monitor's call-by-call judgement against a fresh one")
                    .isEmpty();
        } finally {
            cloud.invariants().crossCheck(false);
        }
    }

    /** A second run with the same options finds everything done and writes nothing. */
    static void aReRunWritesNothing(LocalCloud cloud, String fixture, RunOptions options) {
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            run.migrate(options);
            long first = run.writes();
            var again = run.migrate(options);
            assertThat(run.writes() - first).as("writes of a second " + options + ": " + again.results()).isZero();
            assertThat(run.violations()).isEmpty();
        }
    }

    /** Every service account a run moved to Pod Identity (its association carries the run's tag) is one {@code verify} reports on. */
    static void verifyCountsEveryMigratedBinding(LocalCloud cloud, String fixture, RunOptions options) {
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            run.migrate(options);
            Set<String> associated = cloud.read(s -> s.cluster(Scenario.ACCOUNT, ScenarioRun.REGION, Scenario.CLUSTER)
                    .orElseThrow().associations.values().stream()
                    .filter(a -> a.tags.containsKey(AssociationSteps.RUN_TAG))
                    .map(a -> a.namespace + "/" + a.serviceAccount)
                    .collect(Collectors.toSet()));
            Set<String> verified = run.verify().bindings().stream().map(BindingVerification::serviceAccount)
                    .map(Object::toString).collect(Collectors.toSet());
            assertThat(verified).as("service accounts verify reports on, after " + options).containsAll(associated);
        }
    }

    /**
     * Any sequence of runs, then a rollback of all of them, gives back the starting trust policies, annotations and
     * associations, and every workload that had credentials has a working path (IRSA again) at every call.
     */
    static void runsThenRollbackRestoreTheStart(LocalCloud cloud, String fixture, List<RunOptions> runs) {
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            cloud.invariants().crossCheck(true);
            CloudSnapshot start = run.snapshot();
            runs.forEach(run::migrate);
            List<StepResult> rollback = run.rollbackAll();
            CloudSnapshot end = run.snapshot();
            String what = runs + " then rollback " + rollback;
            assertThat(end.trustPolicies()).as("trust policies after " + what).isEqualTo(start.trustPolicies());
            assertThat(end.annotations()).as("annotations after " + what).isEqualTo(start.annotations());
            assertThat(end.associations()).as("associations after " + what).isEqualTo(start.associations());
            assertThat(run.violations()).as("invariant violations of " + what).isEmpty();
            assertThat(cloud.invariants().incrementalDrift()).as("the monitor's call-by-call judgement against a fresh one")
                    .isEmpty();
        } finally {
            cloud.invariants().crossCheck(false);
        }
    }

    /**
     * A run that crashes after its k-th write keeps the invariants up to the crash, and a run after it ends where a
     * run without the crash ends.
     */
    static void aCrashThenAReRunConverges(LocalCloud cloud, String fixture, RunOptions options, int crashAt) {
        CloudSnapshot clean;
        long writes;
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            run.migrate(options);
            clean = run.snapshot();
            writes = run.writes();
        }
        if (writes == 0) {
            return;
        }
        int k = 1 + (int) ((crashAt - 1) % writes);
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            cloud.faults().crashAfterMutatingCalls(k);
            run.migrateThroughACrash(options);
            assertThat(run.violations()).as("invariant violations up to a crash after write " + k + " of " + options).isEmpty();
            cloud.faults().reset();
            run.migrate(options);
            CloudSnapshot after = run.snapshot();
            assertThat(after).as("the end after a crash at write " + k + " of " + writes + " and a re-run of " + options)
                    .isEqualTo(clean);
            assertThat(run.violations()).isEmpty();
        }
    }

    /**
     * Any sequence of migrations, rollbacks and verifications, each migration or rollback maybe dying after some
     * write, keeps the invariants at every call; a clean rollback after it gives back the starting trust policies,
     * annotations and associations, and a second rollback writes nothing.
     */
    static void aSequenceThenARollbackRestoresTheStart(LocalCloud cloud, String fixture, List<SequenceStep> steps) {
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            cloud.invariants().crossCheck(true);
            CloudSnapshot start = run.snapshot();
            perform(run, steps);
            assertThat(cloud.invariants().violations()).as("invariant violations during " + steps).isEmpty();
            List<StepResult> rollback = run.rollbackAll();
            CloudSnapshot end = run.snapshot();
            String what = steps + " then rollback " + rollback;
            assertThat(end.trustPolicies()).as("trust policies after " + what).isEqualTo(start.trustPolicies());
            assertThat(end.annotations()).as("annotations after " + what).isEqualTo(start.annotations());
            assertThat(end.associations()).as("associations after " + what).isEqualTo(start.associations());
            long writes = run.writes();
            List<StepResult> again = run.rollbackAll();
            assertThat(run.writes() - writes).as("writes of a second rollback after " + what + ": " + again).isZero();
            assertThat(run.violations()).as("invariant violations of " + what).isEmpty();
            assertThat(cloud.invariants().incrementalDrift()).as("the monitor's call-by-call judgement against a fresh one")
                    .isEmpty();
        } finally {
            cloud.invariants().crossCheck(false);
        }
    }

    /**
     * Any sequence, then a clean migration, ends where that migration alone from the start ends, and a run after it
     * writes nothing. The last migration also asks for whatever the sequence's migrations asked for (see
     * {@link RunOptions#covering}): no run undoes another's annotation removal, OIDC cleanup or restarts.
     */
    static void aSequenceThenAMigrateConverges(LocalCloud cloud, String fixture, List<SequenceStep> steps, RunOptions last) {
        RunOptions finalRun = last.covering(SequenceStep.migrations(steps));
        CloudSnapshot clean;
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            run.migrate(finalRun);
            clean = run.snapshot();
        }
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            perform(run, steps);
            assertThat(cloud.invariants().violations()).as("invariant violations during " + steps).isEmpty();
            run.migrate(finalRun);
            String what = steps + " then " + finalRun;
            assertThat(run.snapshot()).as("the end of " + what + ", against " + finalRun + " alone").isEqualTo(clean);
            long writes = run.writes();
            var again = run.migrate(finalRun);
            assertThat(run.writes() - writes).as("writes of another " + finalRun + " after " + what + ": " + again.results())
                    .isZero();
            assertThat(run.violations()).as("invariant violations of " + what).isEmpty();
        }
    }

    /** The steps in order; a verify, which only reads, must write nothing. */
    private static void perform(ScenarioRun run, List<SequenceStep> steps) {
        for (SequenceStep step : steps) {
            long writes = run.writes();
            run.perform(step);
            if (step instanceof SequenceStep.Verify) {
                assertThat(run.writes() - writes).as("writes of a verify in " + steps).isZero();
            }
        }
    }
}
