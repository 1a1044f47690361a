package dev.pim.local.eks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON conventions every EKS response shares: members that are null are left out, and timestamps are
 * numbers of epoch seconds with a fraction ({@code 1700862734.922}), the rest-json default.
 */
final class EksJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private EksJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Epoch seconds with millisecond fraction, written as a plain JSON number. */
    static BigDecimal timestamp(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    static void putTimestamp(ObjectNode node, String field, Instant instant) {
        if (instant != null) {
            node.put(field, timestamp(instant));
        }
    }

    static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static void putIfPresent(ObjectNode node, String field, Boolean value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    static ObjectNode stringMap(Map<String, String> values) {
        ObjectNode node = object();
        values.forEach(node::put);
        return node;
    }

    /** A health block with no issues, as healthy clusters, node groups and add-ons report. */
    static ObjectNode healthy() {
        ObjectNode health = object();
        health.putArray("issues");
        return health;
    }
}
