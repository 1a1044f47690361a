package dev.pim.handler;

import dev.pim.migration.BoundedParallel;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.plan.ExecutionLimits;
import dev.pim.migration.port.ThrottledException;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs one step over the roles of a batch, at most {@link ExecutionLimits#parallelism} roles at once (so the
 * whole Map keeps the input's maxConcurrency roles in flight). A role whose step throws does not stop the
 * others: it is reported as crashed, as a failing Map iteration was. Two things fail the whole batch instead,
 * after the other roles finished: a bad event ({@link InvalidInputException}) and a service that kept
 * throttling ({@link ThrottledException}), which the state machine retries with backoff (every step is
 * idempotent, so the roles already done are unchanged the second time).
 */
final class RoleBatchRunner {

    /** One role's step: its results, each already in the journal. */
    interface RoleStep {
        List<StepResult> run(StepRequest role);
    }

    private RoleBatchRunner() {
    }

    /** @return every role's results, and the crashed roles by index */
    static Outcome run(RoleBatch batch, RoleStep step) {
        int parallelism = ExecutionLimits.parallelism(batch.roles().size(), batch.run().input().maxConcurrency());
        Map<String, String> logKeys = MDC.getCopyOfContextMap();
        List<RoleRun> runs = BoundedParallel.map(batch.roles(), parallelism, index -> {
            if (logKeys != null) {
                MDC.setContextMap(logKeys);
            }
            MDC.put("roleIndex", Integer.toString(index));
            try {
                return new RoleRun(index, step.run(batch.role(index)), null);
            } catch (RuntimeException e) {
                return new RoleRun(index, List.of(), e);
            } finally {
                // With one role at a time this is the handler's own thread: give it back its keys.
                if (logKeys != null) {
                    MDC.setContextMap(logKeys);
                } else {
                    MDC.clear();
                }
            }
        });
        List<StepResult> results = new ArrayList<>();
        Map<Integer, String> crashed = new TreeMap<>();
        RuntimeException fatal = null;
        for (RoleRun run : runs) {
            results.addAll(run.results());
            if (run.error() instanceof ThrottledException || run.error() instanceof InvalidInputException) {
                fatal = fatal == null ? run.error() : fatal;
            } else if (run.error() != null) {
                crashed.put(run.index(), run.error().getClass().getName() + ": " + run.error().getMessage());
            }
        }
        if (fatal != null) {
            throw fatal;
        }
        return new Outcome(results, crashed);
    }

    /** One role's step as it ended: its results, or what it threw. */
    private record RoleRun(int index, List<StepResult> results, RuntimeException error) {
    }

    /** @param crashed role index → the exception its step threw */
    record Outcome(List<StepResult> results, Map<Integer, String> crashed) {

        BatchSummary summary(int roles) {
            return new BatchSummary(roles, count(StepResult.Result.DONE), count(StepResult.Result.UNCHANGED),
                    count(StepResult.Result.SKIPPED), count(StepResult.Result.FAILED), crashedSummary());
        }

        private int count(StepResult.Result result) {
            return (int) results.stream().filter(r -> r.result() == result).count();
        }

        /** {@code role 3: java.lang.IllegalStateException; role 9: ...}, cut to fit the batch's bounded output. */
        private String crashedSummary() {
            if (crashed.isEmpty()) {
                return null;
            }
            String all = crashed.entrySet().stream()
                    .map(e -> "role " + e.getKey() + ": " + e.getValue().split(":", 2)[0])
                    .collect(Collectors.joining("; "));
            return all.length() <= BatchSummary.MAX_CRASHED_CHARS ? all
                    : all.substring(0, BatchSummary.MAX_CRASHED_CHARS - 30) + "... (" + crashed.size() + " roles crashed)";
        }
    }
}
