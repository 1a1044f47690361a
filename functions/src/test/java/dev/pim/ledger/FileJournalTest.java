package dev.pim.ledger;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.journal.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileJournalTest {
    private static final ClusterRef DEMO = new ClusterRef("111122223333", "us-west-2", "demo");

    @TempDir
    Path root;

    @Test
    void entriesComeBackInOrderWithTheirTypes() {
        FileJournal journal = new FileJournal(root, Clock.systemUTC());
        RunRecord run = journal.startRun(DEMO, Map.of("approve", "true"));
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        journal.append(run.runId(), new JournalEntry.TrustSaved(at, "arn:aws:iam::111122223333:role/a", "a", "{\"x\":1}"));
        journal.append(run.runId(), new JournalEntry.AnnotationRemoved(at, new ServiceAccountRef("ns", "sa"),
                "eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/a"));

        assertThat(journal.entries(run.runId())).containsExactly(
                new JournalEntry.TrustSaved(at, "arn:aws:iam::111122223333:role/a", "a", "{\"x\":1}"),
                new JournalEntry.AnnotationRemoved(at, new ServiceAccountRef("ns", "sa"), "eks.amazonaws.com/role-arn",
                        "arn:aws:iam::111122223333:role/a"));
    }

    @Test
    void aTornLastLineFromACrashIsIgnored() throws IOException {
        FileJournal journal = new FileJournal(root, Clock.systemUTC());
        RunRecord run = journal.startRun(DEMO, Map.of());
        Instant at = Instant.now();
        journal.append(run.runId(), new JournalEntry.AgentInstalled(at, "eks-pod-identity-agent", "v1"));
        Path file = root.resolve("111122223333/us-west-2/demo").resolve(run.runId()).resolve("entries.ndjson");
        Files.writeString(file, "{\"type\":\"TrustSav", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(journal.entries(run.runId())).hasSize(1);
    }

    @Test
    void runsAreListedOldestFirstAndFinishingRecordsTheStatus() {
        FileJournal journal = new FileJournal(root, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
        RunRecord first = journal.startRun(DEMO, Map.of());
        FileJournal later = new FileJournal(root, Clock.fixed(Instant.parse("2026-11-22T11:00:00Z"), ZoneOffset.UTC));
        RunRecord second = later.startRun(DEMO, Map.of());
        later.finishRun(first.runId(), "partial");

        assertThat(journal.runs(DEMO)).extracting(RunRecord::runId).containsExactly(first.runId(), second.runId());
        assertThat(journal.run(first.runId())).get().extracting(RunRecord::status).isEqualTo("partial");
        assertThat(journal.runs(new ClusterRef("111122223333", "us-west-2", "other"))).isEmpty();
    }

    @Test
    void unknownRunIsNamed() {
        FileJournal journal = new FileJournal(root, Clock.systemUTC());
        assertThat(journal.run("20990101T000000Z-zzzz")).isEmpty();
        assertThatThrownBy(() -> journal.entries("20990101T000000Z-zzzz")).hasMessageContaining("no run '20990101T000000Z-zzzz'");
    }
}
