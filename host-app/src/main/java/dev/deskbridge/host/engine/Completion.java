package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.QueueStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * Marks a claimed item done inside the transaction that finishes its work, so the work and its
 * completion commit together (and the host saves a transaction per item). A handler that does not
 * use it has its item completed after it returns.
 */
final class Completion {
    private final QueueStore store;
    private final QueueItem item;
    private final String owner;
    private final Clock timer;
    private boolean marked;

    Completion(QueueStore store, QueueItem item, String owner, Clock timer) {
        this.store = Objects.requireNonNull(store, "store");
        this.item = Objects.requireNonNull(item, "item");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /**
     * Completes the item in {@code c}'s transaction.
     *
     * @throws ClaimTakenOverException when the item was claimed again after this claim's lease ran out:
     *     the newer claim does the work, so this transaction must roll back rather than commit it twice
     */
    void in(Connection c) throws SQLException {
        if (!store.complete(c, item, owner, timer.instant())) {
            throw new ClaimTakenOverException(item);
        }
        marked = true;
    }

    boolean marked() {
        return marked;
    }
}
