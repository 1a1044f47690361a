package dev.pim.handler;

import dev.pim.migration.apply.StepResult;
import dev.pim.migration.plan.ExecutionLimits;
import dev.pim.migration.port.ThrottledException;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        StepRequest run = batch.run();
        int parallelism = ExecutionLimits.parallelism(batch.roles().size(), run.input().maxConcurrency());
        Map<String, String> logKeys = MDC.getCopyOfContextMap();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "role-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<StepResult>>> futures = new ArrayList<>();
            for (int index : batch.roles()) {
                futures.add(pool.submit(() -> {
                    if (logKeys != null) {
                        MDC.setContextMap(logKeys);
                    }
                    MDC.put("roleIndex", Integer.toString(index));
                    try {
                        return step.run(batch.role(index));
                    } finally {
                        MDC.clear();
                    }
                }));
            }
            List<StepResult> results = new ArrayList<>();
            Map<Integer, String> crashed = new TreeMap<>();
            RuntimeException fatal = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.addAll(futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof ThrottledException || cause instanceof InvalidInputException) {
                        fatal = fatal == null ? (RuntimeException) cause : fatal;
                    } else {
                        crashed.put(batch.roles().get(i), cause.getClass().getName() + ": " + cause.getMessage());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the roles of the batch ran", e);
                }
            }
            if (fatal != null) {
                throw fatal;
            }
            return new Outcome(results, crashed);
        } finally {
            pool.shutdownNow();
        }
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
