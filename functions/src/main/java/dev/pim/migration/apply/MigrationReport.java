package dev.pim.migration.apply;

import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.VerificationReport;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What a run did: every step result, the verification, and the overall status.
 *
 * @param runId        null for a plan
 * @param verification null when the run stopped before verifying
 */
public record MigrationReport(String runId, MigrationPlan plan, List<StepResult> results,
                              VerificationReport verification, Status status, Duration elapsed) {

    public enum Status {
        /** Plan mode: nothing was changed. */
        PLANNED,
        /** Everything asked for was done. */
        SUCCEEDED,
        /** Some roles or bindings failed; the others are done. */
        PARTIAL,
        /** Nothing could be done (preflight, agent). */
        FAILED;

        /**
         * The run-status rule, one for the CLI's run and the state machine's report: nothing failed is SUCCEEDED;
         * something failed and something went through is PARTIAL; only failures is FAILED.
         *
         * @param failed step outcomes that FAILED
         * @param ok     step outcomes DONE or UNCHANGED
         */
        public static Status of(long failed, long ok) {
            return failed == 0 ? SUCCEEDED : ok > 0 ? PARTIAL : FAILED;
        }

        public static Status of(List<StepResult> results) {
            if (results.stream().anyMatch(r -> r.failed() && r.step().equals(AGENT_STEP))) {
                return FAILED;
            }
            return of(results.stream().filter(StepResult::failed).count(), results.stream().filter(StepResult::ok).count());
        }

        /**
         * The rule for a run whose outcomes are tallied from its journal: a plan that was not approved is PLANNED
         * (FAILED when it could not even be planned); a run that crashed part-way, planned or approved, (a state or a Map iteration failed
         * outright, so some outcomes were never recorded) is at best PARTIAL.
         */
        public static Status of(boolean approved, boolean planned, long failed, long ok, boolean crashed) {
            return of(approved, planned, failed, ok, crashed, false);
        }

        /**
         * As above; {@code agentFailed}: the Pod Identity agent did not become ACTIVE, so nothing could migrate and
         * the run FAILED, whatever else went through (its own install, a journaled original).
         */
        public static Status of(boolean approved, boolean planned, long failed, long ok, boolean crashed,
                                boolean agentFailed) {
            if (approved && agentFailed) {
                return FAILED;
            }
            Status recorded = !approved ? (planned ? PLANNED : FAILED) : of(failed, ok);
            return crashed && recorded != FAILED ? PARTIAL : recorded;
        }
    }

    /** The step of the Pod Identity agent's wait: its failure fails the run ({@link Status#of(List)}). */
    public static final String AGENT_STEP = "agent";

    /** The steps whose "done" means a write to IAM, EKS or Kubernetes. */
    static final Set<String> WRITES = Set.of("agent-install", "trust", "association", "addon", "restart",
            "annotation", "addon-role", "oidc-cleanup");

    public MigrationReport {
        results = List.copyOf(results);
    }

    public long count(String step, StepResult.Result result) {
        return results.stream().filter(r -> r.step().equals(step) && r.result() == result).count();
    }

    /** Whether the run changed the cluster: a write step that was done (waits and checks do not count). */
    public boolean changedAnything() {
        return results.stream().anyMatch(r -> r.result() == StepResult.Result.DONE && WRITES.contains(r.step()));
    }

    public List<StepResult> failures() {
        return results.stream().filter(StepResult::failed).toList();
    }
}
