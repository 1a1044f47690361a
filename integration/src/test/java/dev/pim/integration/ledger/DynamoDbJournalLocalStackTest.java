package dev.pim.integration.ledger;

import dev.pim.aws.AwsClients;
import dev.pim.integration.gateways.LocalStackExtension;
import dev.pim.ledger.DynamoDbJournal;
import dev.pim.ledger.JournalTable;
import dev.pim.migration.fake.SteppingClock;
import dev.pim.migration.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline's journal in LocalStack's DynamoDB ({@code -Plocalstack}), held to the same contract as in the local
 * cloud's ({@link DynamoDbJournalContractTest}); each test gets a table of its own (LocalStack is not reset).
 */
class DynamoDbJournalLocalStackTest extends JournalContract {
    @RegisterExtension
    static final LocalStackExtension localStack = new LocalStackExtension();

    private AwsClients clients;

    @Override
    Journal newJournal(SteppingClock clock) {
        clients = localStack.endpoint().clients();
        String table = "pim-journal-" + Long.toString(System.nanoTime(), 36);
        JournalTable.create(clients.dynamoDb(), table);
        return new DynamoDbJournal(clients.dynamoDb(), table, LocalDynamoDb.quickBackoff(), clock);
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }
}
