package dev.pim.integration.ledger;

import dev.pim.ledger.DynamoDbJournal;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.fake.SteppingClock;
import dev.pim.migration.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The pipeline's journal, in the local cloud's DynamoDB: held to what the CLI's journal does. */
class DynamoDbJournalContractTest extends JournalContract {

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private DynamoDbClient dynamo;

    @BeforeEach
    @Override
    void openJournal() {
        dynamo = LocalDynamoDb.withJournalTable(cloud);
        super.openJournal();
    }

    @AfterEach
    void closeClient() {
        dynamo.close();
    }

    @Override
    Journal newJournal(SteppingClock clock) {
        return new DynamoDbJournal(dynamo, LocalDynamoDb.TABLE, LocalDynamoDb.quickBackoff(), clock);
    }
}
