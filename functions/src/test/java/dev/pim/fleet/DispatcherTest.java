package dev.pim.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.migration.port.RoleLeases;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dispatcher's decisions; against Step Functions and SQS it is tested in the integration module. */
class DispatcherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final FakeExecutions executions = new FakeExecutions();
    private final MemoryLedger ledger = new MemoryLedger();
    private final List<String> requeued = new ArrayList<>();
    private final MigrationQueue queue = new MigrationQueue() {
        @Override
        public void send(MigrationRequest request) {
            throw new AssertionError("the dispatcher only sends back");
        }

        @Override
        public void sendLater(MigrationRequest request, Duration delay) {
            requeued.add(request.cluster() + " in " + delay.toSeconds() + "s");
        }
    };

    private Dispatcher dispatcher(int cap) {
        return new Dispatcher(executions, ledger, RoleLeases.NONE, queue, cap, Duration.ofMinutes(5), CLOCK);
    }

    private static String message(String cluster, String account) {
        return "{\"requestId\":\"scan-1\",\"accountId\":\"" + account + "\",\"region\":\"eu-west-1\",\"cluster\":\"" + cluster
                + "\",\"assumeRoleArn\":\"arn:aws:iam::" + account + ":role/PodIdentityMigratorMember\",\"approve\":true,"
                + "\"removeOidcTrust\":true}";
    }

    @Test
    void startsOneExecutionWithTheRequestAsInput() throws Exception {
        assertThat(dispatcher(5).dispatch(message("payments", "222233334444"))).isEqualTo(Dispatcher.Outcome.STARTED);

        assertThat(executions.started).hasSize(1);
        var input = new ObjectMapper().readTree(executions.started.values().iterator().next());
        assertThat(input.get("cluster").asText()).isEqualTo("payments");
        assertThat(input.get("accountId").asText()).isEqualTo("222233334444");
        assertThat(input.get("assumeRoleArn").asText()).isEqualTo("arn:aws:iam::222233334444:role/PodIdentityMigratorMember");
        assertThat(input.get("approve").asBoolean()).isTrue();
        assertThat(input.get("removeOidcTrust").asBoolean()).isTrue();
        assertThat(input.has("restartWorkloads")).isFalse();
        assertThat(ledger.clusters().get(0).status()).isEqualTo("running");
    }

    @Test
    void aDuplicateMessageStartsNothing() {
        Dispatcher dispatcher = dispatcher(5);
        dispatcher.dispatch(message("payments", "222233334444"));
        assertThat(dispatcher.dispatch(message("payments", "222233334444"))).isEqualTo(Dispatcher.Outcome.DUPLICATE);
        assertThat(executions.started).hasSize(1);
    }

    @Test
    void overTheCapTheRequestIsSentBackDelayedAndShownWaiting() {
        Dispatcher dispatcher = dispatcher(2);
        dispatcher.dispatch(message("a", "222233334444"));
        dispatcher.dispatch(message("b", "222233334444"));
        assertThat(dispatcher.dispatch(message("c", "222233334444"))).isEqualTo(Dispatcher.Outcome.DEFERRED);

        assertThat(executions.started).hasSize(2);
        assertThat(requeued).containsExactly("c in 300s");
        assertThat(ledger.clusters()).filteredOn(c -> c.cluster().equals("c")).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("waiting: 2 of 2 migrations running; tried again in 300 s"));
    }

    @Test
    void malformedMessagesAreRefusedWithTheReason() {
        Dispatcher dispatcher = dispatcher(5);
        assertThatThrownBy(() -> dispatcher.dispatch("not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a migration request");
        assertThatThrownBy(() -> dispatcher.dispatch("{\"cluster\":\"a\"}")).hasMessage("field 'requestId' is required");
        assertThatThrownBy(() -> dispatcher.dispatch("{\"requestId\":\"r\",\"cluster\":\"a\",\"region\":\"eu-west-1\","
                + "\"accountId\":\"222233334444\",\"colour\":\"red\"}")).hasMessageContaining("colour");
        assertThat(executions.started).isEmpty();
        assertThat(ledger.clusters()).isEmpty();
    }

    @Test
    void aCapBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> dispatcher(0)).hasMessage("MAX_RUNNING_MIGRATIONS must be at least 1, got 0");
    }

    /** Executions by name, as Step Functions keeps them: a name is used once. */
    private static final class FakeExecutions implements Executions {
        final Map<String, String> started = new LinkedHashMap<>();

        @Override
        public int running(int cap) {
            return Math.min(cap, started.size());
        }

        @Override
        public Started start(String name, String input) {
            return started.putIfAbsent(name, input) == null ? Started.STARTED : Started.ALREADY_EXISTS;
        }
    }

    private static final class MemoryLedger implements FleetLedger {
        private final Map<String, ClusterState> clusters = new LinkedHashMap<>();

        @Override
        public void record(ClusterState state) {
            clusters.put(state.key(), state);
        }

        @Override
        public void record(AccountState state) {
        }

        @Override
        public List<ClusterState> clusters() {
            return List.copyOf(clusters.values());
        }

        @Override
        public List<AccountState> accounts() {
            return List.of();
        }
    }
}
