package dev.pim.local.stepfunctions.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.pim.local.stepfunctions.json.Json;

/** The array intrinsics. */
final class ArrayFunctions {
    /** AWS refuses to build arrays of more than 1,000 items with States.ArrayRange. */
    private static final int MAX_RANGE = 1000;

    private ArrayFunctions() {
    }

    static JsonNode array(Arguments args) {
        ArrayNode out = Json.array();
        args.values().forEach(out::add);
        return out;
    }

    static JsonNode partition(Arguments args) {
        ArrayNode array = args.array(0);
        long size = args.integer(1);
        if (size <= 0) {
            throw args.invalid("the chunk size must be a positive integer, got " + size);
        }
        ArrayNode out = Json.array();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % size == 0) {
                chunk = out.addArray();
            }
            chunk.add(array.get(i));
        }
        return out;
    }

    static JsonNode contains(Arguments args) {
        ArrayNode array = args.array(0);
        JsonNode wanted = args.get(1);
        for (JsonNode item : array) {
            if (sameValue(item, wanted)) {
                return BooleanNode.TRUE;
            }
        }
        return BooleanNode.FALSE;
    }

    static JsonNode range(Arguments args) {
        long start = args.integer(0);
        long end = args.integer(1);
        long step = args.integer(2);
        if (step == 0) {
            throw args.invalid("the step must not be 0");
        }
        long count = (end - start) / step + 1;
        if (count > MAX_RANGE) {
            throw args.invalid("the range would hold " + count + " items, more than the " + MAX_RANGE + " allowed");
        }
        ArrayNode out = Json.array();
        for (long value = start; step > 0 ? value <= end : value >= end; value += step) {
            out.add(number(value));
        }
        return out;
    }

    static JsonNode getItem(Arguments args) {
        ArrayNode array = args.array(0);
        long index = args.integer(1);
        if (index < 0 || index >= array.size()) {
            throw args.invalid("index " + index + " is out of bounds for an array of " + array.size() + " items");
        }
        return array.get((int) index);
    }

    static JsonNode length(Arguments args) {
        return IntNode.valueOf(args.array(0).size());
    }

    static JsonNode unique(Arguments args) {
        ArrayNode out = Json.array();
        for (JsonNode item : args.array(0)) {
            boolean seen = false;
            for (JsonNode kept : out) {
                seen |= sameValue(kept, item);
            }
            if (!seen) {
                out.add(item);
            }
        }
        return out;
    }

    /** JSON equality, where numbers compare by value (1 equals 1.0). */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    static JsonNode number(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }
}
