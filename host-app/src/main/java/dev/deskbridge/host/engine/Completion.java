package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.QueueStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Marks a claimed item done inside the transaction that finishes its work, so the work and its
 * completion commit together (and the host saves a transaction per item). A handler that does not
 * use it has its item completed after it returns.
 */
final class Completion {
    private final QueueStore store;
    private final QueueItem item;
    private final Clock timer;
    private boolean marked;

    Completion(QueueStore store, QueueItem item, Clock timer) {
        this.store = store;
        this.item = item;
        this.timer = timer;
    }

    /** Completes the item in {@code c}'s transaction. */
    void in(Connection c) throws SQLException {
        store.complete(c, item.id(), timer.instant());
        marked = true;
    }

    boolean marked() {
        return marked;
    }
}
