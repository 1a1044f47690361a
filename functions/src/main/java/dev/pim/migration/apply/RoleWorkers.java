package dev.pim.migration.apply;

import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.RolePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** A run's per-role work: one worker per role, so two edits of a shared role never race. */
final class RoleWorkers {

    private RoleWorkers() {
    }

    /**
     * Runs {@code task} for every planned role, one worker per role, {@code --concurrency} at once. Every worker ends
     * before the run goes on (or stops): none may still be writing once apply returns.
     */
    static void each(MigrationPlan plan, String what, Consumer<RolePlan> task) {
        ExecutorService pool = Executors.newFixedThreadPool(plan.options().concurrency());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RolePlan role : plan.roles()) {
                futures.add(pool.submit(() -> task.accept(role)));
            }
            Throwable crashed = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    crashed = crashed == null ? e.getCause() : crashed;
                }
            }
            if (crashed != null) {
                throw new IllegalStateException(what + " crashed: " + crashed, crashed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        } finally {
            pool.shutdownNow();
        }
    }

}
