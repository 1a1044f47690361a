package dev.pim.local.admin;

import dev.pim.local.clock.LocalClock;
import dev.pim.local.fault.CallCounters;
import dev.pim.local.fault.FaultInjector;
import dev.pim.local.invariant.InvariantMonitor;
import dev.pim.local.invariant.Violation;

import java.util.List;

/** The cloud as its admin API drives it (the local cloud implements it; the admin API does not know the rest). */
public interface AdministeredCloud {

    /** What the loaded fixture says it is. */
    String fixtureDescription();

    CallCounters counters();

    FaultInjector faults();

    /** Back to the fixture, no faults, zero counters; deploys again what was deployed. */
    void reset();

    LocalClock clock();

    InvariantMonitor invariants();

    List<Violation> checkInvariants();

    void rebaselineInvariants();
}
