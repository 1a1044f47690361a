package dev.pim.migration.trust;

import java.util.List;

/**
 * A statement's {@code Condition}: operator blocks in document order, each holding condition keys in
 * document order. IAM ANDs the blocks and the keys, and ORs the values of one key.
 */
public record Condition(List<Block> blocks) {
    public Condition {
        blocks = List.copyOf(blocks);
    }

    /** One operator and its keys, e.g. {@code "StringEquals": {"k1": "v", "k2": ["a", "b"]}}. */
    public record Block(String operator, List<Entry> entries) {
        public Block {
            entries = List.copyOf(entries);
        }

        public ConditionOperator parsedOperator() {
            return ConditionOperator.parse(operator);
        }
    }

    /** One condition key and its values. Keys are compared case-insensitively, as IAM does. */
    public record Entry(String key, PolicyValues values) {
        public boolean hasKey(String other) {
            return key.equalsIgnoreCase(other);
        }
    }

    /** Every (operator, entry) pair whose key is {@code key}, in document order. */
    public List<KeyedEntry> entriesFor(String key) {
        return blocks.stream().flatMap(block -> block.entries().stream()
                .filter(entry -> entry.hasKey(key))
                .map(entry -> new KeyedEntry(block.parsedOperator(), entry))).toList();
    }

    /** This condition with the values of the entry {@code target} (found by operator and exact key) replaced. */
    public Condition withValues(KeyedEntry target, PolicyValues values) {
        return new Condition(blocks.stream().map(block -> !block.operator().equals(target.operator().name()) ? block
                : new Block(block.operator(), block.entries().stream()
                        .map(entry -> entry.key().equals(target.entry().key()) ? new Entry(entry.key(), values) : entry)
                        .toList())).toList());
    }

    /** Short text for notes: the condition keys, e.g. {@code StringEquals aws:RequestTag/kubernetes-namespace}. */
    public String summary() {
        return String.join(", ", blocks.stream().flatMap(block -> block.entries().stream()
                .map(entry -> block.operator() + " " + entry.key())).toList());
    }

    public record KeyedEntry(ConditionOperator operator, Entry entry) {
    }
}
