package dev.pim.local.lambda.handlers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the test handlers were given, for the tests to read (the handlers are created by the local cloud). */
public final class Deliveries {
    private static final ConcurrentLinkedQueue<String> BODIES = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<Integer> BATCH_SIZES = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<String> RAW_EVENTS = new ConcurrentLinkedQueue<>();

    private Deliveries() {
    }

    public static void clear() {
        BODIES.clear();
        BATCH_SIZES.clear();
        RAW_EVENTS.clear();
    }

    static void batch(List<String> bodies) {
        BATCH_SIZES.add(bodies.size());
        BODIES.addAll(bodies);
    }

    static void rawEvent(String json) {
        RAW_EVENTS.add(json);
    }

    /** How many times each message body was delivered. */
    public static Map<String, Long> timesDelivered() {
        return BODIES.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Every body delivered, in delivery order. */
    public static List<String> bodies() {
        return List.copyOf(BODIES);
    }

    public static List<Integer> batchSizes() {
        return List.copyOf(BATCH_SIZES);
    }

    public static List<String> rawEvents() {
        return List.copyOf(RAW_EVENTS);
    }
}
