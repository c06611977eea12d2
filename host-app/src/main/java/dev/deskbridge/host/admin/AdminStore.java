package dev.deskbridge.host.admin;

/**
 * The read model over an open database, for a command that runs on its own (beside a running host
 * or without one). Closing releases the database.
 */
public interface AdminStore extends AdminQueries, AutoCloseable {
    @Override
    void close();
}
