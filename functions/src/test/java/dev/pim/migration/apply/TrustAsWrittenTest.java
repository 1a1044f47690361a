package dev.pim.migration.apply;

import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.RolePlan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a later state of the run may take as a role's trust without reading it: only what the journal makes certain. */
class TrustAsWrittenTest {
    static final String ROLE = "arn:aws:iam::111122223333:role/app";
    static final String BEFORE = "{\"Statement\":[\"irsa\"]}";
    static final String AFTER = "{\"Statement\":[\"irsa\",\"pod-identity\"]}";

    @Test
    void aWriteTheJournalShowsDoneIsKnownAsWritten() {
        Map<String, RoleInfo> known = TrustAsWritten.of(List.of(written(), outcome("DONE")), List.of(plan(true)));

        assertThat(known.get(ROLE).trustPolicy()).isEqualTo(AFTER);
    }

    @Test
    void aWriteJournaledAheadWithoutItsOutcomeIsNotKnown() {
        // Journaled before the call; the call may never have happened (a crash, a refused policy).
        assertThat(TrustAsWritten.of(List.of(written()), List.of(plan(true)))).isEmpty();
        assertThat(TrustAsWritten.of(List.of(written(), outcome("FAILED")), List.of(plan(true)))).isEmpty();
    }

    @Test
    void anUnchangedRoleIsKnownAsPlannedOnlyWhenThePlanFoundItAlreadyTrustingPodIdentity() {
        assertThat(TrustAsWritten.of(List.of(outcome("UNCHANGED")), List.of(plan(false))).get(ROLE).trustPolicy())
                .isEqualTo(BEFORE);
        // The plan would have changed it, yet the edit found nothing to do: someone else changed it meanwhile.
        assertThat(TrustAsWritten.of(List.of(outcome("UNCHANGED")), List.of(plan(true)))).isEmpty();
    }

    @Test
    void aRetriedBatchThatFoundItsOwnWriteDoneKeepsTheWrite() {
        Map<String, RoleInfo> known = TrustAsWritten.of(List.of(written(), outcome("DONE"), outcome("UNCHANGED")),
                List.of(plan(true)));

        assertThat(known.get(ROLE).trustPolicy()).isEqualTo(AFTER);
    }

    @Test
    void theOidcCleanupsWriteIsNotTheTrustStepsResult() {
        JournalEntry strip = new JournalEntry.TrustWritten(Instant.EPOCH, ROLE, "app", TrustSteps.STRIP_OIDC, AFTER, "{}");

        assertThat(TrustAsWritten.of(List.of(written(), outcome("DONE"), strip), List.of(plan(true))).get(ROLE).trustPolicy())
                .isEqualTo(AFTER);
    }

    private static JournalEntry written() {
        return new JournalEntry.TrustWritten(Instant.EPOCH, ROLE, "app", TrustSteps.ADD_POD_IDENTITY, BEFORE, AFTER);
    }

    private static JournalEntry outcome(String result) {
        return new JournalEntry.Outcome(Instant.EPOCH, "trust", ROLE, result, "");
    }

    private static RolePlan plan(boolean trustChanges) {
        return new RolePlan(ROLE, "app", BEFORE, AFTER, trustChanges, AFTER.length(), 2048, BEFORE, List.of(), null,
                List.of(), List.of());
    }
}
