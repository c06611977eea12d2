package dev.deskbridge.host.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Lists and replays dead letters. */
public final class DeadLetterStore {
    private final Database db;

    public DeadLetterStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Dead letters not replayed yet (or all of them), oldest first. */
    public List<DeadLetter> list(boolean includeReplayed) {
        return db.inTransaction(c -> Jdbc.query(c, "SELECT * FROM dead_letters"
                + (includeReplayed ? "" : " WHERE replayed_at IS NULL") + " ORDER BY id", DeadLetterStore::map));
    }

    public Optional<DeadLetter> find(long id) {
        return db.inTransaction(c -> Jdbc.queryOne(c, "SELECT * FROM dead_letters WHERE id = ?", DeadLetterStore::map,
                id));
    }

    /**
     * Puts a dead letter's item back on its queue with a fresh attempt budget.
     *
     * @return false when there is no such dead letter or it was replayed already
     */
    public boolean replay(long id, Instant now) {
        return db.inTransaction(c -> {
            Optional<DeadLetter> letter = Jdbc.queryOne(c, "SELECT * FROM dead_letters WHERE id = ? FOR UPDATE",
                    DeadLetterStore::map, id);
            if (letter.isEmpty() || letter.get().replayedAt().isPresent()) {
                return false;
            }
            requeue(c, letter.get(), now);
            return true;
        });
    }

    /** Replays every open dead letter; returns how many. */
    public int replayAll(Instant now) {
        return db.inTransaction(c -> {
            List<DeadLetter> open = Jdbc.query(c, "SELECT * FROM dead_letters WHERE replayed_at IS NULL ORDER BY id "
                    + "FOR UPDATE", DeadLetterStore::map);
            for (DeadLetter letter : open) {
                requeue(c, letter, now);
            }
            return open.size();
        });
    }

    private static void requeue(Connection c, DeadLetter letter, Instant now) throws SQLException {
        int back = Jdbc.update(c, "UPDATE " + letter.queue().table() + " SET status = 'PENDING', attempts = 0, "
                + "next_attempt_at = ?, claimed_until = NULL, created_at = ?, processed_at = NULL WHERE id = ? "
                + "AND status = 'DEAD'", now, now, letter.itemId());
        if (back > 0 && letter.queue() == Queue.OUTBOX) {
            // A send given up was marked failed, its message and its cost; the send takes a failed message for
            // done, so the replay would send nothing. Never handed over (no provider id), it is queued again.
            Optional<Long> message = new MessageStore().reopenUnsent(c, letter.itemId());
            if (message.isPresent()) {
                new LedgerStore().reopen(c, message.get());
            }
        }
        Jdbc.update(c, "UPDATE dead_letters SET replayed_at = ? WHERE id = ?", now, letter.id());
    }

    static DeadLetter map(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getLong("id"), Queue.valueOf(rs.getString("queue")), rs.getLong("item_id"),
                rs.getString("source_id"), rs.getString("event_type"), rs.getString("partition_key"),
                rs.getString("reason"), rs.getInt("attempts"), Jdbc.instant(rs, "created_at"),
                Jdbc.optInstant(rs, "replayed_at"));
    }
}
