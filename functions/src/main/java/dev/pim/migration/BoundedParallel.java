package dev.pim.migration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Independent calls made at most {@code parallelism} at a time: each round trip waits on the network, so a
 * run's reads (and its per-role work) go as fast as the chosen concurrency allows instead of one at a time.
 * Every task ends before a call returns, so none is still running once its caller goes on.
 */
public final class BoundedParallel {
    private BoundedParallel() {
    }

    /** {@code f} applied to every item, results in the items' order; the first failure is thrown after all ended. */
    public static <T, R> List<R> map(Collection<T> items, int parallelism, Function<T, R> f) {
        if (items.isEmpty()) {
            return List.of();
        }
        if (parallelism <= 1 || items.size() == 1) {
            return items.stream().map(f).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()));
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> f.apply(item)));
            }
            List<R> out = new ArrayList<>(items.size());
            RuntimeException failed = null;
            for (Future<R> future : futures) {
                try {
                    out.add(future.get());
                } catch (ExecutionException e) {
                    failed = failed != null ? failed : asRuntime(e.getCause());
                    out.add(null);
                }
            }
            if (failed != null) {
                throw failed;
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for parallel calls", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code task} for every item, at most {@code parallelism} at once. */
    public static <T> void forEach(Collection<T> items, int parallelism, Consumer<T> task) {
        map(items, parallelism, item -> {
            task.accept(item);
            return Boolean.TRUE;
        });
    }

    private static RuntimeException asRuntime(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
