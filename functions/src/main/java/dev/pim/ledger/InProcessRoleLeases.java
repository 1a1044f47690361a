package dev.pim.ledger;

import dev.pim.migration.port.RoleLeases;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Role leases within one process: the CLI's, when it runs without the shared ledger table. */
public final class InProcessRoleLeases implements RoleLeases {
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public <T> T withLease(String roleArn, Duration wait, Supplier<T> edit) {
        ReentrantLock lock = locks.computeIfAbsent(roleArn, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LeaseUnavailableException(roleArn, "another thread of this process", wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LeaseUnavailableException(roleArn, "another thread of this process", wait);
        }
        try {
            return edit.get();
        } finally {
            lock.unlock();
        }
    }
}
