package dev.pim.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The engine sessions of the clusters a warm function has served, least recently used first, at most
 * {@code capacity} of them: each holds a Kubernetes client, so one evicted (or left when the environment
 * closes) is closed.
 */
final class ClusterSessions implements AutoCloseable {
    private final int capacity;
    private final LinkedHashMap<String, ClusterSession> byKey = new LinkedHashMap<>(16, 0.75f, true);

    ClusterSessions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a session cache holds at least one session, got " + capacity);
        }
        this.capacity = capacity;
    }

    ClusterSession get(String key, Function<String, ClusterSession> open) {
        ClusterSession evicted = null;
        ClusterSession session;
        synchronized (this) {
            session = byKey.get(key);
            if (session == null) {
                session = open.apply(key);
                byKey.put(key, session);
                if (byKey.size() > capacity) {
                    Map.Entry<String, ClusterSession> eldest = byKey.entrySet().iterator().next();
                    evicted = eldest.getValue();
                    byKey.remove(eldest.getKey());
                }
            }
        }
        // Closed outside the lock: closing a Kubernetes client waits for its threads.
        if (evicted != null) {
            evicted.close();
        }
        return session;
    }

    synchronized int size() {
        return byKey.size();
    }

    @Override
    public void close() {
        List<ClusterSession> open;
        synchronized (this) {
            open = new ArrayList<>(byKey.values());
            byKey.clear();
        }
        open.forEach(ClusterSession::close);
    }
}
