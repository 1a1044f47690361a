package dev.pim.integration.ledger;

import dev.pim.ledger.FileJournal;
import dev.pim.migration.fake.SteppingClock;
import dev.pim.migration.journal.Journal;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The CLI's journal, in a directory: the behaviour the DynamoDB journal is held to. */
class FileJournalContractTest extends JournalContract {

    @TempDir
    Path root;

    @Override
    Journal newJournal(SteppingClock clock) {
        return new FileJournal(root, clock);
    }
}
