package dev.pim.migration.plan;

/** Where discovery found a binding. */
public enum BindingSource {
    /** The service account's {@code eks.amazonaws.com/role-arn} annotation. */
    ANNOTATION,
    /** The role's trust policy names the service account (exactly or through a pattern). */
    TRUST,
    /** An EKS add-on's {@code serviceAccountRoleArn}. */
    ADDON,
    /** An existing Pod Identity association. */
    ASSOCIATION
}
