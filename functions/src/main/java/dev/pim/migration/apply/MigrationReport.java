package dev.pim.migration.apply;

import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.VerificationReport;

import java.time.Duration;
import java.util.List;

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
        FAILED
    }

    /** The steps whose "done" means a write to IAM, EKS or Kubernetes. */
    static final java.util.Set<String> WRITES = java.util.Set.of("agent-install", "trust", "association", "addon", "restart",
            "annotation", "oidc-cleanup");

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
