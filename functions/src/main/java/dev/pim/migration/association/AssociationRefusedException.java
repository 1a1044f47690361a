package dev.pim.migration.association;

/**
 * The cluster's state refuses what was asked (the service account has an association already, or none; it belongs
 * to an add-on; the role is missing or of another account), found before any change.
 */
public final class AssociationRefusedException extends IllegalStateException {
    public AssociationRefusedException(String message) {
        super(message);
    }
}
