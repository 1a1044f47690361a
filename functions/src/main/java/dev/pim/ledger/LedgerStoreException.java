package dev.pim.ledger;

/**
 * The journal's table refused or failed a call (after the throttling retries): the message names the table,
 * the run and what was being done. The run must stop, since nothing may be written to AWS that the journal
 * could not undo.
 */
public final class LedgerStoreException extends RuntimeException {

    public LedgerStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
