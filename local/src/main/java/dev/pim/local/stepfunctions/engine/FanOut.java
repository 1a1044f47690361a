package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.errors.StatesError;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the items of a Map side by side on real threads, at most {@code concurrency} at once. Each
 * worker thread has its own strand and takes items one after the other, so with MaxConcurrency 1 the second
 * item starts, in virtual time too, when the first ends. Results come back in item order. The first failure stops
 * the others at their next state.
 */
final class FanOut {

    /** One item's work on the worker's strand. */
    @FunctionalInterface
    interface Work {
        JsonNode run(int index, Strand strand);
    }

    /** An item's result: its output, its error, or neither when it was abandoned after a sibling failed. */
    record Result(JsonNode output, StatesError error) {
    }

    private FanOut() {
    }

    static List<Result> run(ExecutionRun run, ExecutorService pool, Strand parent, int count, int concurrency, Work work) {
        CancelScope scope = parent.scope().child();
        Result[] results = new Result[count];
        int workerCount = Math.min(count, Math.max(concurrency, 1));
        AtomicInteger next = new AtomicInteger(workerCount);
        AtomicReference<RuntimeException> interruption = new AtomicReference<>();
        List<Strand> strands = new ArrayList<>();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < workerCount; w++) {
            int first = w;
            Strand strand = parent.fork(scope);
            strands.add(strand);
            workers.add(pool.submit(() -> {
                run.enter();
                try {
                    // Worker w starts with item w, so the first items all start at the fork's virtual time.
                    for (int i = first; i < count && !scope.cancelled(); i = next.getAndIncrement()) {
                        results[i] = runOne(work, i, strand, scope, interruption);
                    }
                } finally {
                    run.leave();
                }
            }));
        }
        awaitAll(workers, scope);
        parent.join(strands);
        strands.stream().mapToLong(Strand::lastEventId).max().ifPresent(parent::lastEventId);
        if (interruption.get() != null) {
            throw interruption.get();
        }
        run.checkActive(parent);
        List<Result> out = new ArrayList<>(count);
        for (Result result : results) {
            out.add(result == null ? new Result(null, null) : result);
        }
        return out;
    }

    private static Result runOne(Work work, int index, Strand strand, CancelScope scope,
                                 AtomicReference<RuntimeException> interruption) {
        try {
            return new Result(work.run(index, strand), null);
        } catch (StatesError e) {
            scope.cancel();
            return new Result(null, e);
        } catch (ExecutionInterrupted e) {
            if (e.reason() != ExecutionInterrupted.Reason.CANCELLED || !scope.cancelled()) {
                interruption.compareAndSet(null, e);
            }
            scope.cancel();
            return new Result(null, null);
        } catch (RuntimeException e) {
            interruption.compareAndSet(null, e);
            scope.cancel();
            return new Result(null, null);
        }
    }

    private static void awaitAll(List<Future<?>> workers, CancelScope scope) {
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (InterruptedException e) {
                // The execution is being stopped: let the workers wind down at their next state.
                scope.cancel();
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a worker failed outside its item", e.getCause());
            }
        }
    }
}
