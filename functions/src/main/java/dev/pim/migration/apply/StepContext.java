package dev.pim.migration.apply;

import dev.pim.migration.journal.Journal;
import dev.pim.migration.port.EksPort;
import dev.pim.migration.port.IamPort;
import dev.pim.migration.port.KubernetesPort;
import dev.pim.migration.port.RoleLeases;

import java.time.Clock;
import java.time.Duration;

/**
 * What every step works with: the cluster's ports, the journal, time, and where progress goes.
 *
 * @param poll   how long to wait between two polls of something that settles (add-ons, rollouts)
 * @param leases held around every trust-policy read-modify-write
 */
public record StepContext(EksPort eks, IamPort iam, KubernetesPort kubernetes, Journal journal, RoleLeases leases,
                          Clock clock, Sleeper sleeper, Duration poll, Progress progress) {
    /** How long a trust edit waits for another holder of the role's lease. */
    public static final Duration LEASE_WAIT = Duration.ofMinutes(5);
}
