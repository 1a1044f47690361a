package dev.pim.ledger;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A list stored in parts ({@link JsonChunks}): the head item (sort key {@code <head>}) holds the first part,
 * the number of parts and whatever else describes the list; the others follow at {@code <head>#00001}... so
 * that one query on the prefix {@code <head>} reads them all, head first. The head is written after the other
 * parts and names how many there are: a reader never sees a list half written, nor the leftovers of a longer
 * list saved before under the same key.
 */
final class PartedItems {
    static final String ITEMS = "items";
    static final String PARTS = "parts";

    private PartedItems() {
    }

    /** Every part but the first, to be written before {@link #head}. */
    static List<Map<String, AttributeValue>> tail(String partition, String head, List<String> chunks) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (int k = 1; k < chunks.size(); k++) {
            Map<String, AttributeValue> item = new HashMap<>(LedgerKeys.key(partition, LedgerKeys.part(head, k)));
            item.put(ITEMS, AttributeValue.fromS(chunks.get(k)));
            out.add(item);
        }
        return out;
    }

    static Map<String, AttributeValue> head(String partition, String head, List<String> chunks,
                                            Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(LedgerKeys.key(partition, head));
        item.put(ITEMS, AttributeValue.fromS(chunks.get(0)));
        item.put(PARTS, AttributeValue.fromN(Integer.toString(chunks.size())));
        return item;
    }

    /** The parts of the list at {@code head} among the items a prefix query returned; empty without a head. */
    static Optional<List<String>> chunks(List<Map<String, AttributeValue>> items, String head) {
        Map<String, Map<String, AttributeValue>> bySortKey = new HashMap<>();
        items.forEach(item -> bySortKey.put(item.get(JournalTable.SORT_KEY).s(), item));
        Map<String, AttributeValue> first = bySortKey.get(head);
        if (first == null) {
            return Optional.empty();
        }
        int parts = Integer.parseInt(first.get(PARTS).n());
        List<String> chunks = new ArrayList<>(parts);
        chunks.add(first.get(ITEMS).s());
        for (int k = 1; k < parts; k++) {
            Map<String, AttributeValue> part = bySortKey.get(LedgerKeys.part(head, k));
            if (part == null) {
                throw new IllegalStateException("part " + k + " of " + parts + " of " + head + " is missing");
            }
            chunks.add(part.get(ITEMS).s());
        }
        return Optional.of(chunks);
    }
}
