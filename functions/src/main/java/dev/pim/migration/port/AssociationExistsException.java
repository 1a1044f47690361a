package dev.pim.migration.port;

/** CreatePodIdentityAssociation answered 409: the service account already has an association. */
public final class AssociationExistsException extends RuntimeException {
    private final String existingId;

    public AssociationExistsException(String existingId, String message) {
        super(message);
        this.existingId = existingId;
    }

    /** The id EKS named in its message, or null if it named none. */
    public String existingId() {
        return existingId;
    }
}
