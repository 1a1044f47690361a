package dev.pim.fleet;

import dev.pim.fleet.fake.InMemoryExecutions;
import dev.pim.fleet.fake.InMemoryFleetLedger;
import dev.pim.fleet.fake.InMemoryMigrationQueue;
import dev.pim.ledger.InProcessRoleLeases;
import dev.pim.migration.port.RoleLeases;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dispatchers running at once (one per SQS batch) over the in-memory fleet ports: the cap holds because
 * "count, then start" happens under the dispatch lease; a finished execution frees its slot for a deferred request.
 */
class DispatcherConcurrencyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryFleetLedger ledger = new InMemoryFleetLedger();
    private final InMemoryMigrationQueue queue = new InMemoryMigrationQueue();

    private static String message(String cluster) {
        return "{\"requestId\":\"scan-1\",\"accountId\":\"222233334444\",\"region\":\"eu-west-1\",\"cluster\":\"" + cluster
                + "\",\"approve\":true}";
    }

    /**
     * Executions whose count waits (briefly) for another dispatcher to be counting too: without the lease two
     * dispatchers would both count 0 and both start, which is the race the lease exists to prevent.
     */
    private static final class OverlappingCounts implements Executions {
        private final InMemoryExecutions executions;
        private final CountDownLatch bothCounting = new CountDownLatch(2);

        OverlappingCounts(InMemoryExecutions executions) {
            this.executions = executions;
        }

        @Override
        public int running(int cap) {
            bothCounting.countDown();
            try {
                bothCounting.await(300, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return executions.running(cap);
        }

        @Override
        public Started start(String name, String input) {
            return executions.start(name, input);
        }
    }

    @Test
    void twoDispatchersAtOnceNeverStartMoreThanTheCap() throws Exception {
        InMemoryExecutions executions = new InMemoryExecutions();
        RoleLeases leases = new InProcessRoleLeases();
        Executions counted = new OverlappingCounts(executions);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Dispatcher.Outcome>> outcomes = new ArrayList<>();
            for (String cluster : List.of("payments", "orders")) {
                Dispatcher dispatcher = new Dispatcher(counted, ledger, leases, queue, 1, Duration.ofMinutes(5), CLOCK);
                outcomes.add(pool.submit(() -> dispatcher.dispatch(message(cluster))));
            }
            List<Dispatcher.Outcome> ended = new ArrayList<>();
            for (Future<Dispatcher.Outcome> f : outcomes) {
                ended.add(f.get(10, TimeUnit.SECONDS));
            }

            assertThat(ended).containsExactlyInAnyOrder(Dispatcher.Outcome.STARTED, Dispatcher.Outcome.DEFERRED);
            assertThat(executions.runningNow()).isEqualTo(1);
            assertThat(queue.sent()).singleElement().satisfies(s -> assertThat(s.delay()).isEqualTo(Duration.ofMinutes(5)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeferredRequestStartsOnceARunningExecutionFinishes() {
        InMemoryExecutions executions = new InMemoryExecutions();
        Dispatcher dispatcher = new Dispatcher(executions, ledger, new InProcessRoleLeases(), queue, 1, Duration.ofMinutes(5), CLOCK);
        assertThat(dispatcher.dispatch(message("payments"))).isEqualTo(Dispatcher.Outcome.STARTED);
        assertThat(dispatcher.dispatch(message("orders"))).isEqualTo(Dispatcher.Outcome.DEFERRED);
        MigrationRequest deferred = queue.sent().get(0).request();

        executions.finish(Dispatcher.parse(message("payments")).executionName());
        Dispatcher.Outcome retried = dispatcher.dispatch(message(deferred.cluster()));

        assertThat(retried).isEqualTo(Dispatcher.Outcome.STARTED);
        assertThat(executions.started()).hasSize(2);
        assertThat(ledger.clusters()).filteredOn(c -> c.cluster().equals("orders")).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo("running");
                    assertThat(c.reason()).isNull();
                });
    }

    @Test
    void aDeferralLongerThanSqsAllowsIsAConfigurationError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Dispatcher(new InMemoryExecutions(), ledger,
                        RoleLeases.NONE, queue, 1, Duration.ofSeconds(901), CLOCK))
                .hasMessage("DEFERRAL_SECONDS must be within 0..900, got 901");
    }
}
