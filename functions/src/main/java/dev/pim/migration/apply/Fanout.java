package dev.pim.migration.apply;

/** How a step's work is divided: once for the cluster, or one worker per planned role or add-on. */
public enum Fanout {
    ONCE,
    /** One worker per role (its trust, then its associations): shared roles never race. */
    PER_ROLE,
    PER_ADDON
}
