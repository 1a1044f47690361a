package dev.pim.migration.fake;

import java.util.ArrayList;
import java.util.List;

/**
 * Every write the fakes received, in the order they received it, across IAM, EKS and Kubernetes: what ordering
 * and idempotence tests read ("a second apply writes nothing", "trust before association").
 */
public final class CallLog {
    private final List<String> writes = new ArrayList<>();

    synchronized void write(String call) {
        writes.add(call);
    }

    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    /** The writes made since {@code mark} (a size of {@link #writes()} taken earlier). */
    public synchronized List<String> writesSince(int mark) {
        return List.copyOf(writes.subList(mark, writes.size()));
    }

    public synchronized int size() {
        return writes.size();
    }

    /** Position of the first write equal to {@code call}; fails when there is none, so an order check cannot pass vacuously. */
    public synchronized int indexOf(String call) {
        int at = writes.indexOf(call);
        if (at < 0) {
            throw new AssertionError("no write " + call + " among " + writes);
        }
        return at;
    }
}
