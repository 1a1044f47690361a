package dev.pim.migration.apply;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.journal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CreatedAssociationsTest {
    private static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void theRunsCreatesAreKnownByIdWithTheirRolesAndNothingElseIs() {
        ServiceAccountRef cart = ServiceAccountRef.parse("shop/cart");
        List<JournalEntry> entries = List.of(
                new JournalEntry.TrustSaved(AT, "arn:aws:iam::111122223333:role/cart", "cart", "{}"),
                new JournalEntry.AssociationCreated(AT, cart, "a-1", "arn:aws:iam::111122223333:role/cart", null),
                new JournalEntry.AssociationCreated(AT, ServiceAccountRef.parse("shop/web"), "a-2",
                        "arn:aws:iam::111122223333:role/web", "arn:aws:iam::444455556666:role/web"));

        Map<String, AssociationInfo> known = CreatedAssociations.of("run-1", entries);

        assertThat(known).containsOnlyKeys("a-1", "a-2");
        assertThat(known.get("a-1").serviceAccount()).isEqualTo(cart);
        assertThat(known.get("a-1").roleArn()).isEqualTo("arn:aws:iam::111122223333:role/cart");
        assertThat(known.get("a-2").targetRoleArn()).isEqualTo("arn:aws:iam::444455556666:role/web");
        assertThat(known.get("a-2").tags()).containsEntry(AssociationSteps.RUN_TAG, "run-1");
    }
}
