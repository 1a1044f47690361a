package dev.pim.local.iam;

/** Three-valued truth, for conditions on keys whose value is not known yet (Kleene's logic). */
enum Tri {
    TRUE, FALSE, UNKNOWN;

    static Tri of(boolean b) {
        return b ? TRUE : FALSE;
    }

    Tri and(Tri other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
    }

    Tri or(Tri other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
    }

    Tri not() {
        return this == UNKNOWN ? UNKNOWN : this == TRUE ? FALSE : TRUE;
    }
}
