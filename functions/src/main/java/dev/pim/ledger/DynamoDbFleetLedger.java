package dev.pim.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pim.aws.Backoff;
import dev.pim.fleet.FleetLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet's record on the journal table: one item per cluster under {@code FLEET#CLUSTER} (sort key
 * {@code <account>#<region>#<name>}) and one per account under {@code FLEET#ACCOUNT}, each the latest state as
 * JSON. One partition per kind: a fleet of thousands of clusters is read with one paged query.
 */
public final class DynamoDbFleetLedger implements FleetLedger {
    private static final String CLUSTERS = "FLEET#CLUSTER";
    private static final String ACCOUNTS = "FLEET#ACCOUNT";
    private static final String STATE = "state";
    private final LedgerTable table;

    public DynamoDbFleetLedger(DynamoDbClient dynamo, String table, Backoff backoff) {
        this.table = new LedgerTable(dynamo, table, backoff);
    }

    @Override
    public void record(ClusterState state) {
        put(CLUSTERS, state.accountId() + "#" + state.region() + "#" + state.cluster(), state, "record cluster " + state.key());
    }

    @Override
    public void record(AccountState state) {
        put(ACCOUNTS, state.accountId(), state, "record account " + state.accountId());
    }

    @Override
    public List<ClusterState> clusters() {
        return read(CLUSTERS, ClusterState.class);
    }

    @Override
    public List<AccountState> accounts() {
        return read(ACCOUNTS, AccountState.class);
    }

    private void put(String partition, String sort, Object state, String doing) {
        Map<String, AttributeValue> item = new HashMap<>(LedgerKeys.key(partition, sort));
        try {
            item.put(STATE, AttributeValue.fromS(LedgerJson.MAPPER.writeValueAsString(state)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the fleet state as JSON", e);
        }
        table.put(item, doing);
    }

    private <T> List<T> read(String partition, Class<T> type) {
        return table.query(partition, "", "read the fleet's " + type.getSimpleName() + "s").stream().map(item -> {
            try {
                return LedgerJson.MAPPER.readValue(item.get(STATE).s(), type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a fleet item of the journal table is not valid: " + item, e);
            }
        }).toList();
    }
}
