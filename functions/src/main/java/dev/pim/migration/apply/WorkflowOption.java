package dev.pim.migration.apply;

import dev.pim.migration.plan.MigrationOptions;

import java.util.function.Predicate;

/** A run option that turns a step on; {@link #field()} is its name in the options and the execution input. */
public enum WorkflowOption {
    RESTART_WORKLOADS("restartWorkloads", MigrationOptions::restartWorkloads),
    REMOVE_IRSA_ANNOTATION("removeIrsaAnnotation", MigrationOptions::removeIrsaAnnotation),
    REMOVE_OIDC_TRUST("removeOidcTrust", MigrationOptions::removeOidcTrust);

    private final String field;
    private final Predicate<MigrationOptions> setIn;

    WorkflowOption(String field, Predicate<MigrationOptions> setIn) {
        this.field = field;
        this.setIn = setIn;
    }

    public String field() {
        return field;
    }

    public boolean isSetIn(MigrationOptions options) {
        return setIn.test(options);
    }
}
