package dev.deskbridge.host.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A durable queue (inbox or outbox) shared safely by several hosts on one database.
 *
 * <p>Claiming takes due items with {@code SELECT ... FOR UPDATE SKIP LOCKED} and leases them for a
 * while; a host that dies lets its lease run out and another host takes the item. Only the oldest
 * pending item of each partition (conversation) can be claimed, so a conversation's events are
 * processed in order while different conversations go in parallel.
 */
public final class QueueStore {
    private static final String COLUMNS = "id, source_id, event_id, event_type, partition_key, payload, attempts, "
            + "created_at";

    private final Database db;
    private final Queue queue;
    private final String table;

    public QueueStore(Database db, Queue queue) {
        this.db = Objects.requireNonNull(db, "db");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.table = queue.table();
    }

    public Queue queue() {
        return queue;
    }

    /**
     * Stores an item unless one with the same (source id, event id) exists.
     *
     * @return whether it was new
     */
    public boolean enqueue(Connection c, NewQueueItem item, Instant now) throws SQLException {
        if (queue == Queue.OUTBOX) {
            String conversation = item.conversationId()
                    .orElseThrow(() -> new IllegalArgumentException("an outbox item needs its conversation"));
            return Jdbc.update(c, "INSERT INTO outbox (source_id, event_id, event_type, partition_key, conversation_id, "
                    + "payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) "
                    + "ON CONFLICT DO NOTHING", item.sourceId(), item.eventId(), item.eventType(), item.partitionKey(),
                    conversation, item.payload(), now, now) == 1;
        }
        return Jdbc.update(c, "INSERT INTO inbox (source_id, event_id, event_type, partition_key, payload, status, "
                + "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING",
                item.sourceId(), item.eventId(), item.eventType(), item.partitionKey(), item.payload(), now, now) == 1;
    }

    /** The id of the item stored for (source id, event id), if any. */
    public Optional<Long> idOf(Connection c, String sourceId, String eventId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT id FROM " + table + " WHERE source_id = ? AND event_id = ?",
                rs -> rs.getLong(1), sourceId, eventId);
    }

    /** Remembers the provider's id of an outbox item's message, for operators reading the table. */
    public void recordProviderId(Connection c, long id, String providerMessageId) throws SQLException {
        if (queue != Queue.OUTBOX) {
            throw new IllegalStateException("only outbox items have a provider message id");
        }
        Jdbc.update(c, "UPDATE outbox SET provider_message_id = ? WHERE id = ?", providerMessageId, id);
    }

    /** Stores items in one short transaction; returns how many were new. */
    public int enqueueAll(List<NewQueueItem> items, Instant now) {
        return db.inTransaction(c -> {
            int added = 0;
            for (NewQueueItem item : items) {
                added += enqueue(c, item, now) ? 1 : 0;
            }
            return added;
        });
    }

    /**
     * Claims up to {@code max} due items, at most one per partition, counting an attempt on each.
     *
     * @param owner who claims (for operators reading the table)
     */
    public List<QueueItem> claim(int max, Instant now, Duration lease, String owner) {
        return db.inTransaction(c -> {
            List<Long> ids = Jdbc.query(c, "SELECT i.id FROM " + table + " i WHERE i.status = 'PENDING' "
                    + "AND i.next_attempt_at <= ? AND (i.claimed_until IS NULL OR i.claimed_until < ?) "
                    + "AND NOT EXISTS (SELECT 1 FROM " + table + " j WHERE j.partition_key = i.partition_key "
                    + "AND j.status = 'PENDING' AND j.id < i.id) "
                    + "ORDER BY i.id LIMIT ? FOR UPDATE SKIP LOCKED", rs -> rs.getLong(1), now, now, max);
            if (ids.isEmpty()) {
                return List.of();
            }
            String in = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
            Object[] params = new Object[ids.size() + 2];
            params[0] = now.plus(lease);
            params[1] = owner;
            for (int i = 0; i < ids.size(); i++) {
                params[i + 2] = ids.get(i);
            }
            Jdbc.update(c, "UPDATE " + table + " SET claimed_until = ?, claimed_by = ?, attempts = attempts + 1 "
                    + "WHERE id IN (" + in + ")", params);
            List<QueueItem> items = new ArrayList<>(Jdbc.query(c, "SELECT " + COLUMNS + extraColumns() + " FROM "
                    + table + " WHERE id IN (" + in + ") ORDER BY id", this::map, ids.toArray()));
            return items;
        });
    }

    private String extraColumns() {
        return queue == Queue.OUTBOX ? ", conversation_id" : "";
    }

    private QueueItem map(ResultSet rs) throws SQLException {
        return new QueueItem(queue, rs.getLong("id"), rs.getString("source_id"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getString("partition_key"), rs.getString("payload"),
                rs.getInt("attempts"), Jdbc.instant(rs, "created_at"),
                queue == Queue.OUTBOX ? Optional.of(rs.getString("conversation_id")) : Optional.empty());
    }

    /** Marks an item done (inside the transaction that did its work). */
    public void complete(Connection c, long id, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE " + table + " SET status = 'DONE', processed_at = ?, claimed_until = NULL, "
                + "last_error = NULL WHERE id = ?", now, id);
    }

    public void complete(long id, Instant now) {
        db.inTransactionDo(c -> complete(c, id, now));
    }

    /** Releases an item for another attempt no sooner than {@code nextAttemptAt}. */
    public void retryLater(long id, Instant nextAttemptAt, String error) {
        db.inTransactionDo(c -> Jdbc.update(c, "UPDATE " + table + " SET next_attempt_at = ?, claimed_until = NULL, "
                + "last_error = ? WHERE id = ?", nextAttemptAt, Jdbc.clip(error, 2000), id));
    }

    /** Gives up on an item: it stops blocking its partition and becomes a dead letter with the reason. */
    public long deadLetter(QueueItem item, String reason, Instant now) {
        return db.inTransaction(c -> {
            Jdbc.update(c, "UPDATE " + table + " SET status = 'DEAD', claimed_until = NULL, last_error = ?, "
                    + "processed_at = ? WHERE id = ?", Jdbc.clip(reason, 2000), now, item.id());
            return Jdbc.insert(c, "INSERT INTO dead_letters (queue, item_id, source_id, event_type, partition_key, "
                    + "reason, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", queue.name(), item.id(),
                    item.sourceId(), item.eventType(), item.partitionKey(), Jdbc.clip(reason, 2000), item.attempts(),
                    now);
        });
    }

    /** Pending items (claimed or not): the queue's depth. */
    public long depth() {
        return db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM " + table + " WHERE status = 'PENDING'"));
    }

    /** The item's status ({@code PENDING}, {@code DONE}, {@code DEAD}), for tests and operators. */
    public Optional<String> status(long id) {
        return db.inTransaction(c -> Jdbc.queryOne(c, "SELECT status FROM " + table + " WHERE id = ?",
                rs -> rs.getString(1), id));
    }
}
