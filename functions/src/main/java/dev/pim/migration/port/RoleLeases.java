package dev.pim.migration.port;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Mutual exclusion on a role's trust policy across everything that may edit it at the same time: executions of
 * different clusters that share a role, a CLI run beside the pipeline. IAM has no conditional write, so a
 * read-modify-write of a trust policy must hold the role's lease; a crashed holder's lease expires.
 */
public interface RoleLeases {

    /**
     * Runs {@code edit} while holding the role's lease, waiting for it up to {@code wait}.
     *
     * @throws LeaseUnavailableException when another holder kept it past {@code wait}
     */
    <T> T withLease(String roleArn, Duration wait, Supplier<T> edit);

    /** No lease: for a single process that already serialises its edits per role (tests of the race use it). */
    RoleLeases NONE = new RoleLeases() {
        @Override
        public <T> T withLease(String roleArn, Duration wait, Supplier<T> edit) {
            return edit.get();
        }
    };

    /** Another holder kept the role's lease longer than the caller could wait. */
    final class LeaseUnavailableException extends RuntimeException {
        public LeaseUnavailableException(String roleArn, String holder, Duration waited) {
            super("role " + roleArn + " is being changed by " + holder + "; gave up after waiting " + waited.toSeconds() + " s");
        }
    }
}
