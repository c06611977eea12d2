package dev.deskbridge.host.store;

/** The database failed (unreachable, constraint, SQL error); the work may be retried. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
