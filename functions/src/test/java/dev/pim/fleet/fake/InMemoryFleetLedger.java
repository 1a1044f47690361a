package dev.pim.fleet.fake;

import dev.pim.fleet.FleetLedger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fleet ledger in memory: the latest state per cluster and per account, as the table keeps them. */
public final class InMemoryFleetLedger implements FleetLedger {
    private final Map<String, ClusterState> clusters = new LinkedHashMap<>();
    private final Map<String, AccountState> accounts = new LinkedHashMap<>();

    @Override
    public synchronized void record(ClusterState state) {
        clusters.put(state.key(), state);
    }

    @Override
    public synchronized void record(AccountState state) {
        accounts.put(state.accountId(), state);
    }

    @Override
    public synchronized List<ClusterState> clusters() {
        return List.copyOf(clusters.values());
    }

    @Override
    public synchronized List<AccountState> accounts() {
        return List.copyOf(accounts.values());
    }
}
