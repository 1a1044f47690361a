package dev.pim.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The engine sessions of the clusters a warm function has served, least recently used first, at most
 * {@code capacity} of them: each holds a Kubernetes client, so one evicted (or left when the environment
 * closes) is closed. On Lambda an environment serves one invocation at a time, so an evicted session is idle.
 */
final class ClusterSessions<S extends AutoCloseable> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSessions.class);
    private final int capacity;
    private final LinkedHashMap<String, S> byKey = new LinkedHashMap<>(16, 0.75f, true);

    ClusterSessions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a session cache holds at least one session, got " + capacity);
        }
        this.capacity = capacity;
    }

    S get(String key, Function<String, S> open) {
        S evicted = null;
        S session;
        synchronized (this) {
            session = byKey.get(key);
            if (session == null) {
                session = open.apply(key);
                byKey.put(key, session);
                if (byKey.size() > capacity) {
                    Map.Entry<String, S> eldest = byKey.entrySet().iterator().next();
                    evicted = eldest.getValue();
                    byKey.remove(eldest.getKey());
                }
            }
        }
        // Closed outside the lock: closing a Kubernetes client waits for its threads.
        if (evicted != null) {
            closeQuietly(evicted);
        }
        return session;
    }

    synchronized int size() {
        return byKey.size();
    }

    @Override
    public void close() {
        List<S> open;
        synchronized (this) {
            open = new ArrayList<>(byKey.values());
            byKey.clear();
        }
        open.forEach(ClusterSessions::closeQuietly);
    }

    /** A session that cannot close cleanly is let go: the invocation that evicted it has its own work to do. */
    private static void closeQuietly(AutoCloseable session) {
        try {
            session.close();
        } catch (Exception e) {
            LOG.warn("cannot close a cluster session: {}", e.toString());
        }
    }
}
