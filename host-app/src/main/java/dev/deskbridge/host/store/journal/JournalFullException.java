package dev.deskbridge.host.store.journal;

/**
 * The journal holds as much as it may that the database does not have yet (the mover lags): the
 * sender is to try again shortly. Nothing was written.
 */
public final class JournalFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalFullException(String message) {
        super(message);
    }
}
