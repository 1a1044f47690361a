package dev.pim.handler;

import dev.pim.migration.apply.StepResult;

import java.util.List;

/** What a step hands back to the state machine: small, the details are in the journal. */
public record StepSummary(String step, int done, int unchanged, int skipped, int failed, String firstFailure) {

    static StepSummary of(String step, List<StepResult> results) {
        return new StepSummary(step, count(results, StepResult.Result.DONE), count(results, StepResult.Result.UNCHANGED),
                count(results, StepResult.Result.SKIPPED), count(results, StepResult.Result.FAILED),
                results.stream().filter(StepResult::failed).map(r -> r.subject() + ": " + r.detail()).findFirst().orElse(null));
    }

    private static int count(List<StepResult> results, StepResult.Result result) {
        return (int) results.stream().filter(r -> r.result() == result).count();
    }
}
