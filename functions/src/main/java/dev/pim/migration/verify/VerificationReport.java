package dev.pim.migration.verify;

import dev.pim.migration.ServiceAccountRef;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The verification of every binding that is (or should be) on Pod Identity. */
public record VerificationReport(List<BindingVerification> bindings) {

    public VerificationReport {
        bindings = List.copyOf(bindings);
    }

    /** No problem and no pod left behind. */
    public boolean clean() {
        return bindings.stream().allMatch(BindingVerification::verified);
    }

    public Set<ServiceAccountRef> verified() {
        return bindings.stream().filter(BindingVerification::verified).map(BindingVerification::serviceAccount)
                .collect(Collectors.toSet());
    }

    public long leftovers() {
        return bindings.stream().mapToLong(b -> b.leftovers().size()).sum();
    }
}
