package dev.pim.fleet.fake;

import dev.pim.fleet.Executions;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Executions of the cluster state machine as Step Functions keeps them: a name is used once; running until finished. */
public final class InMemoryExecutions implements Executions {
    private final Map<String, String> started = new LinkedHashMap<>();
    private final Set<String> finished = new LinkedHashSet<>();

    @Override
    public synchronized int running(int cap) {
        return (int) Math.min(cap, started.keySet().stream().filter(n -> !finished.contains(n)).count());
    }

    @Override
    public synchronized Started start(String name, String input) {
        return started.putIfAbsent(name, input) == null ? Started.STARTED : Started.ALREADY_EXISTS;
    }

    public synchronized void finish(String name) {
        if (!started.containsKey(name)) {
            throw new AssertionError("no execution " + name);
        }
        finished.add(name);
    }

    /** Inputs by execution name, in start order. */
    public synchronized Map<String, String> started() {
        return Map.copyOf(started);
    }

    public synchronized int runningNow() {
        return running(Integer.MAX_VALUE);
    }
}
