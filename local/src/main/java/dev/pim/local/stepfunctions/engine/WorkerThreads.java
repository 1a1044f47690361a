package dev.pim.local.stepfunctions.engine;

import java.util.HashSet;
import java.util.Set;

/**
 * The threads working for one execution at the moment (its main thread, branch and iteration workers, timed
 * handler calls), so that stopping the execution can interrupt the calls they are blocked in.
 */
final class WorkerThreads {
    private final Set<Thread> threads = new HashSet<>();

    synchronized void enter() {
        threads.add(Thread.currentThread());
    }

    void leave() {
        synchronized (this) {
            threads.remove(Thread.currentThread());
        }
        // An interrupt aimed at this execution must not leak into the pooled thread's next job: once removed
        // under the lock, no new interrupt can arrive, so clearing the flag here is final.
        Thread.interrupted();
    }

    synchronized void interruptAll() {
        threads.forEach(Thread::interrupt);
    }
}
