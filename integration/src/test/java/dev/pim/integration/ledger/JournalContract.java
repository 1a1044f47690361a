package dev.pim.integration.ledger;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.fake.SteppingClock;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.journal.RunRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link Journal} does, whatever keeps it: one test body run against each implementation, so that
 * the pipeline's journal behaves as the CLI's on the same calls.
 */
abstract class JournalContract {
    static final ClusterRef DEMO = new ClusterRef("111122223333", "us-west-2", "demo");
    static final ClusterRef OTHER_REGION = new ClusterRef("111122223333", "eu-west-1", "demo");
    static final Instant START = Instant.parse("2026-11-22T22:05:01.123456789Z");

    final SteppingClock clock = new SteppingClock(START);
    Journal journal;

    /** A journal of the implementation under test, reading time from {@code clock}. */
    abstract Journal newJournal(SteppingClock clock);

    @BeforeEach
    void openJournal() {
        journal = newJournal(clock);
    }

    @Test
    void aStartedRunIsRunningWithItsClusterOptionsAndStartTime() {
        RunRecord run = journal.startRun(DEMO, Map.of("approve", "true", "timeout", "PT25M"));

        assertThat(run.runId()).matches("20261122T220501Z-[a-z2-9]{4}");
        assertThat(run.status()).isEqualTo("running");
        assertThat(run.startedAt()).isEqualTo(START);
        assertThat(journal.run(run.runId())).contains(run);
    }

    @Test
    void runsStartedInTheSameSecondComeInTheOrderTheyStarted() {
        List<RunRecord> started = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            started.add(journal.startRun(DEMO, Map.of()));
            clock.advance(Duration.ofMillis(50));
        }

        assertThat(journal.runs(DEMO)).extracting(RunRecord::runId)
                .as("twelve runs within one second, whatever their random suffixes")
                .containsExactlyElementsOf(started.stream().map(RunRecord::runId).toList());
    }

    @Test
    void aClustersRunsComeOldestFirstAndOnlyItsOwn() {
        RunRecord first = journal.startRun(DEMO, Map.of());
        clock.advance(Duration.ofSeconds(1));
        RunRecord elsewhere = journal.startRun(OTHER_REGION, Map.of());
        clock.advance(Duration.ofMinutes(3));
        RunRecord second = journal.startRun(DEMO, Map.of("restartWorkloads", "true"));
        clock.advance(Duration.ofDays(1));
        RunRecord third = journal.startRun(DEMO, Map.of());

        assertThat(journal.runs(DEMO)).containsExactly(first, second, third);
        assertThat(journal.runs(OTHER_REGION)).containsExactly(elsewhere);
        assertThat(journal.runs(new ClusterRef("111122223333", "us-west-2", "never-migrated"))).isEmpty();
    }

    @Test
    void everyKindOfEntryComesBackAsItWasAppended() {
        RunRecord run = journal.startRun(DEMO, Map.of());
        List<JournalEntry> appended = everyKindOfEntry();
        appended.forEach(entry -> journal.append(run.runId(), entry));

        assertThat(journal.entries(run.runId())).containsExactlyElementsOf(appended);
    }

    @Test
    void entriesComeBackInAppendOrderEvenWithinOneInstant() {
        RunRecord run = journal.startRun(DEMO, Map.of());
        List<JournalEntry> appended = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Entries carry times that do not follow the append order: the order is the journal's, not theirs.
            JournalEntry entry = new JournalEntry.Outcome(START.minusSeconds(i), "trust", "role-" + i, "done", null);
            journal.append(run.runId(), entry);
            appended.add(entry);
            if (i % 10 == 9) {
                clock.advance(Duration.ofNanos(1));
            }
        }

        assertThat(journal.entries(run.runId())).containsExactlyElementsOf(appended);
    }

    @Test
    void entriesAppendedTogetherComeBackInOrderAfterThoseBefore() {
        RunRecord run = journal.startRun(DEMO, Map.of());
        JournalEntry first = new JournalEntry.Outcome(START, "preflight", "demo", "done", null);
        journal.append(run.runId(), first);
        // More than one DynamoDB batch (25 items), all within one instant.
        List<JournalEntry> together = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            together.add(new JournalEntry.TrustSaved(START, "arn:aws:iam::111122223333:role/r-" + i, "r-" + i, "{\"i\":" + i + "}"));
        }
        journal.appendAll(run.runId(), together);

        List<JournalEntry> expected = new ArrayList<>(List.of(first));
        expected.addAll(together);
        assertThat(journal.entries(run.runId())).containsExactlyElementsOf(expected);
    }

    @Test
    void entriesStayWithTheirRun() {
        RunRecord first = journal.startRun(DEMO, Map.of());
        RunRecord second = journal.startRun(OTHER_REGION, Map.of());
        JournalEntry saved = new JournalEntry.TrustSaved(START, "arn:aws:iam::111122223333:role/a", "a", "{}");
        journal.append(first.runId(), saved);

        assertThat(journal.entries(first.runId())).containsExactly(saved);
        assertThat(journal.entries(second.runId())).isEmpty();
    }

    @Test
    void finishingARunChangesOnlyItsStatus() {
        RunRecord run = journal.startRun(DEMO, Map.of("approve", "true"));
        journal.append(run.runId(), new JournalEntry.AgentInstalled(START, "eks-pod-identity-agent", "v1.3.4-eksbuild.1"));

        journal.finishRun(run.runId(), "partial");

        assertThat(journal.run(run.runId())).contains(
                new RunRecord(run.runId(), DEMO, START, Map.of("approve", "true"), "partial"));
        assertThat(journal.entries(run.runId())).hasSize(1);
        assertThat(journal.runs(DEMO)).extracting(RunRecord::status).containsExactly("partial");
    }

    @Test
    void anUnknownRunIsAbsentAndRefusesWrites() {
        String unknown = "20261122T220501Z-zzzz";
        JournalEntry entry = new JournalEntry.Outcome(START, "trust", "x", "done", null);

        assertThat(journal.run(unknown)).isEmpty();
        assertThat(journal.run("../../etc")).isEmpty();
        assertThatThrownBy(() -> journal.append(unknown, entry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(unknown);
        assertThatThrownBy(() -> journal.entries(unknown))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(unknown);
        assertThatThrownBy(() -> journal.finishRun(unknown, "failed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(unknown);
    }

    @Test
    void anotherJournalOnTheSameStoreSeesTheSameRuns() {
        RunRecord run = journal.startRun(DEMO, Map.of());
        journal.append(run.runId(), new JournalEntry.Outcome(START, "association", "web/frontend", "done", "a-1"));
        // Between two journals (two Lambdas), order is the order of the times they appended at.
        clock.advance(Duration.ofMillis(1));
        Journal reopened = newJournal(clock);

        reopened.append(run.runId(), new JournalEntry.Outcome(START, "association", "web/api", "done", "a-2"));
        reopened.finishRun(run.runId(), "succeeded");

        assertThat(journal.entries(run.runId())).extracting(e -> ((JournalEntry.Outcome) e).subject())
                .containsExactly("web/frontend", "web/api");
        assertThat(journal.run(run.runId())).get().extracting(RunRecord::status).isEqualTo("succeeded");
    }

    static List<JournalEntry> everyKindOfEntry() {
        String role = "arn:aws:iam::111122223333:role/teams/payments-api";
        String before = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                + "\"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/X\"},"
                + "\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}";
        String after = before.replace("]}", ",{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}");
        ServiceAccountRef sa = new ServiceAccountRef("payments", "payments-api");
        return List.of(
                new JournalEntry.TrustSaved(START, role, "payments-api", before),
                new JournalEntry.TrustWritten(START.plusMillis(1), role, "payments-api", "add-pod-identity", before, after),
                new JournalEntry.AgentInstalled(START.plusMillis(2), "eks-pod-identity-agent", "v1.3.4-eksbuild.1"),
                new JournalEntry.AssociationCreated(START.plusMillis(3), sa, "a-cyp1j39brs3hn3rhi", role, null),
                new JournalEntry.AssociationCreated(START.plusMillis(4), new ServiceAccountRef("data", "reader"),
                        "a-0123456789abcdefg", "arn:aws:iam::111122223333:role/bridge",
                        "arn:aws:iam::444455556666:role/reader"),
                new JournalEntry.AddonAssociationsSet(START.plusMillis(5), "vpc-cni", "v1.19.2-eksbuild.1", Map.of(),
                        Map.of("aws-node", "arn:aws:iam::111122223333:role/demo-vpc-cni"),
                        Map.of("aws-node", "arn:aws:iam::111122223333:role/demo-vpc-cni")),
                new JournalEntry.WorkloadRestarted(START.plusMillis(6),
                        new WorkloadRef("Deployment", "payments", "payments-api"), "2026-11-22T22:05:07Z"),
                new JournalEntry.AnnotationRemoved(START.plusMillis(7), sa, "eks.amazonaws.com/role-arn", role),
                new JournalEntry.Outcome(START.plusMillis(8), "trust", role, "done", "añadido ✓ \"quoted\"\n"));
    }
}
