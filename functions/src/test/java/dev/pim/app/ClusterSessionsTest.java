package dev.pim.app;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSessionsTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable session(String key) {
        return () -> closed.add(key);
    }

    @Test
    void aSessionIsOpenedOnceAndKeptWhileThereIsRoom() {
        ClusterSessions<AutoCloseable> sessions = new ClusterSessions<>(2);
        List<String> opened = new ArrayList<>();

        AutoCloseable first = sessions.get("demo", k -> {
            opened.add(k);
            return session(k);
        });
        AutoCloseable again = sessions.get("demo", k -> {
            opened.add(k);
            return session(k);
        });

        assertThat(again).isSameAs(first);
        assertThat(opened).containsExactly("demo");
        assertThat(closed).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedSessionIsClosedWhenTheCacheIsFull() {
        ClusterSessions<AutoCloseable> sessions = new ClusterSessions<>(2);
        sessions.get("a", this::session);
        sessions.get("b", this::session);
        sessions.get("a", this::session);

        sessions.get("c", this::session);

        assertThat(closed).as("b was used longest ago").containsExactly("b");
        assertThat(sessions.size()).isEqualTo(2);
    }

    @Test
    void closingTheCacheClosesEverySessionItHolds() {
        ClusterSessions<AutoCloseable> sessions = new ClusterSessions<>(4);
        sessions.get("a", this::session);
        sessions.get("b", this::session);

        sessions.close();

        assertThat(closed).containsExactlyInAnyOrder("a", "b");
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aCacheHoldsAtLeastOneSession() {
        assertThatThrownBy(() -> new ClusterSessions<>(0)).hasMessageContaining("at least one");
    }
}
