package dev.pim.migration.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One service account gets one association: when two roles would both be given it (two trust statements naming
 * it, say), neither is, and the plan says so before any write, instead of leaving the winner to worker timing.
 */
final class Conflicts {

    private Conflicts() {
    }

    /** The bindings of one service account, with competing migratable ones turned into conflicts. */
    static List<Binding> decide(List<Binding> ofOneServiceAccount) {
        List<Binding> migratable = ofOneServiceAccount.stream().filter(Binding::migratable).toList();
        if (migratable.size() < 2) {
            return ofOneServiceAccount;
        }
        String roles = migratable.stream().map(Binding::roleArn).collect(Collectors.joining(", "));
        return ofOneServiceAccount.stream().map(b -> !b.migratable() ? b : new Binding(b.serviceAccount(), b.roleArn(),
                b.sources(), BindingClass.CONFLICT, "roles " + roles + " would all be given " + b.serviceAccount()
                + ": annotate the service account with the one it should use", b.warnings(), b.addon(), null, null,
                b.workloads())).toList();
    }
}
