package dev.pim.migration.association;

/**
 * Input that cannot be used, found before any call that changes anything: the message names where (the file and the
 * path in the document, or the flag) and why.
 */
public final class AssociationInputException extends IllegalArgumentException {
    private final String where;
    private final String reason;

    public AssociationInputException(String where, String reason) {
        super(where + ": " + reason);
        this.where = where;
        this.reason = reason;
    }

    public String where() {
        return where;
    }

    public String reason() {
        return reason;
    }
}
