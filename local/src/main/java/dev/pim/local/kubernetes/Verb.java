package dev.pim.local.kubernetes;

import java.util.Locale;

/** The Kubernetes API verbs the emulated API servers answer, as RBAC names them. */
enum Verb {
    GET, LIST, PATCH, UPDATE;

    /** The lower-case name authorisation messages use ({@code cannot patch resource ...}). */
    String rbacName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean writes() {
        return this == PATCH || this == UPDATE;
    }
}
