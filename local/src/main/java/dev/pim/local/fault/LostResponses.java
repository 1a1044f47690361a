package dev.pim.local.fault;

import dev.pim.local.server.Operation;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The lost-response rules in force, with how often each has fired; asked once a call has been applied. */
final class LostResponses {
    private final List<Armed> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong lost = new AtomicLong();

    private record Armed(LostResponse rule, AtomicInteger applied, AtomicInteger fired) {
        Armed(LostResponse rule) {
            this(rule, new AtomicInteger(), new AtomicInteger());
        }
    }

    void add(LostResponse rule) {
        rules.add(new Armed(rule));
    }

    /** Whether the answer to this applied call is lost, and how; every matching rule counts the call. */
    Optional<LostResponse.Mode> decide(Operation operation, Random random) {
        LostResponse.Mode mode = null;
        for (Armed armed : rules) {
            LostResponse rule = armed.rule();
            if (!rule.operation().equals(operation.key())) {
                continue;
            }
            int call = armed.applied().incrementAndGet();
            boolean exhausted = rule.times() > 0 && armed.fired().get() >= rule.times();
            boolean hit = rule.nthCall() > 0 ? call == rule.nthCall() : random.nextDouble() < rule.probability();
            if (mode == null && hit && !exhausted) {
                armed.fired().incrementAndGet();
                mode = rule.mode();
            }
        }
        if (mode != null) {
            lost.incrementAndGet();
        }
        return Optional.ofNullable(mode);
    }

    long count() {
        return lost.get();
    }

    void reset() {
        rules.clear();
        lost.set(0);
    }
}
