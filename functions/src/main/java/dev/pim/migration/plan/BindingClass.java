package dev.pim.migration.plan;

/** What the migration does with a binding, decided by {@link BindingClassifier}. */
public enum BindingClass {
    /** Will be migrated: trust statement, association (or add-on update), then optional cleanup. */
    MIGRATABLE("migratable"),
    /** An association with the same role already exists. */
    ALREADY_MIGRATED("already migrated"),
    /** An association exists with a different role: left for a human to decide. */
    CONFLICT("conflict"),
    /** The role is in another account: needs a same-account role chaining into it (targetRoleArn). */
    CROSS_ACCOUNT("cross-account"),
    /** Its pods run where Pod Identity does not (Fargate, Windows nodes): stays on IRSA. */
    UNSUPPORTED_PLACEMENT("unsupported placement"),
    /** An add-on whose installed version does not support Pod Identity for this service account. */
    UNSUPPORTED_ADDON("unsupported add-on"),
    /** The role trusts a service account that does not exist, or that uses another role. */
    STALE_TRUST("stale trust"),
    /** Cannot work as it is: malformed annotation, missing role, role not trusting this cluster. */
    BROKEN("broken");

    private final String label;

    BindingClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
