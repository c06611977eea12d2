package dev.deskbridge.host.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

// size: claim, lease, renew and finish are SQL over the same rows and locks, and must change together.
/**
 * A durable queue (inbox or outbox) shared safely by several hosts on one database.
 *
 * <p>Claiming takes due items with {@code SELECT ... FOR UPDATE SKIP LOCKED} and leases them for a
 * while; a host that dies lets its lease run out and another host takes the item. Only the oldest
 * pending item of each partition (conversation) can be claimed, so a conversation's events are
 * processed in order while different conversations go in parallel. Leases are short and renewed
 * by the host while it holds the items ({@link #renew}), so a dead host's work moves on in seconds.
 */
public final class QueueStore {
    private static final String COLUMNS = "id, source_id, event_id, event_type, partition_key, payload, attempts, "
            + "created_at";

    private final Database db;
    private final Queue queue;
    private final String table;
    private final java.util.concurrent.atomic.LongAdder enqueued = new java.util.concurrent.atomic.LongAdder();

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
     * @return the new item's id, or empty when it was stored before
     */
    public Optional<Long> enqueue(Connection c, NewQueueItem item, Instant now) throws SQLException {
        Optional<Long> added = insert(c, item, now);
        if (added.isPresent()) {
            enqueued.increment();
        }
        return added;
    }

    /**
     * How many items this host has stored here so far (committed or not): a worker that sees it
     * unchanged across a piece of work knows that work queued nothing here and need not be woken.
     */
    public long enqueued() {
        return enqueued.sum();
    }

    /**
     * The item first, then its key (source id, event id) in a table of its own, so that the row's updates
     * (claim, lease, completion) leave the key's random-ordered index alone (V17); a provider's
     * redelivery, rare, costs the row's insert and delete.
     */
    private Optional<Long> insert(Connection c, NewQueueItem item, Instant now) throws SQLException {
        long id;
        if (queue == Queue.OUTBOX) {
            String conversation = item.conversationId()
                    .orElseThrow(() -> new IllegalArgumentException("an outbox item needs its conversation"));
            id = Jdbc.insert(c, "INSERT INTO outbox (source_id, event_id, event_type, partition_key, conversation_id, "
                    + "payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                    item.sourceId(), item.eventId(), item.eventType(), item.partitionKey(), conversation, item.payload(),
                    now, now);
        } else {
            id = Jdbc.insert(c, "INSERT INTO inbox (source_id, event_id, event_type, partition_key, payload, status, "
                    + "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                    item.sourceId(), item.eventId(), item.eventType(), item.partitionKey(), item.payload(), now, now);
        }
        return Jdbc.keepIfKeyIsNew(c, table, id, table + "_keys", "item_id, source_id, event_id", item.sourceId(),
                item.eventId());
    }

    /** Remembers the provider's id of an outbox item's message, for operators reading the table. */
    public void recordProviderId(Connection c, long id, String providerMessageId) throws SQLException {
        if (queue != Queue.OUTBOX) {
            throw new IllegalStateException("only outbox items have a provider message id");
        }
        Jdbc.update(c, "UPDATE outbox SET provider_message_id = ? WHERE id = ?", providerMessageId, id);
    }

    /**
     * Records that the outbox item's send is being handed to the provider now, and returns when an
     * earlier attempt was handed over without an answer the host recorded (a possible duplicate).
     */
    public Optional<Instant> markSending(Connection c, long id, Instant now) throws SQLException {
        Optional<Instant> earlier = sendStarted(c, id);
        // The earliest attempt whose answer is unknown stays: it is the one that may have been sent.
        Jdbc.update(c, "UPDATE outbox SET send_started_at = COALESCE(send_started_at, ?) WHERE id = ?", now, id);
        return earlier;
    }

    /** The provider answered the send with a refusal: it did not take the message. */
    public void clearSending(Connection c, long id) throws SQLException {
        requireOutbox();
        Jdbc.update(c, "UPDATE outbox SET send_started_at = NULL WHERE id = ?", id);
    }

    /** When an attempt of the outbox item was handed to the provider with no answer recorded, if one was. */
    public Optional<Instant> sendStarted(Connection c, long id) throws SQLException {
        requireOutbox();
        return Jdbc.queryOne(c, "SELECT send_started_at FROM outbox WHERE id = ?",
                rs -> Jdbc.optInstant(rs, "send_started_at"), id).flatMap(o -> o);
    }

    private void requireOutbox() {
        if (queue != Queue.OUTBOX) {
            throw new IllegalStateException("only outbox items are sent");
        }
    }

    /** Stores items in one short transaction; returns how many were new. */
    public int enqueueAll(List<NewQueueItem> items, Instant now) {
        return db.inTransaction(c -> {
            int added = 0;
            for (NewQueueItem item : items) {
                added += enqueue(c, item, now).isPresent() ? 1 : 0;
            }
            return added;
        });
    }

    /** A pending item as the claim scan sees it. */
    private record Candidate(long id, String partitionKey, Instant nextAttemptAt, Instant claimedUntil) {
        Candidate {
            Objects.requireNonNull(partitionKey, "partitionKey");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        }

        boolean claimableAt(Instant now) {
            return !nextAttemptAt.isAfter(now) && (claimedUntil == null || claimedUntil.isBefore(now));
        }
    }

    /** Rows read per step of the claim scan. */
    private static final int PAGE = 64;
    /** Pages scanned at most per claim, so a long blocked backlog cannot make a claim slow. */
    private static final int MAX_PAGES = 16;

    /**
     * The id after which the next claim's scan starts: each claim goes on where the last one stopped and
     * wraps round to the start, so every pending row is read within a bounded number of claims however
     * many blocked rows (a long partition behind a leased head, heads waiting for a retry) come first.
     */
    private final AtomicLong scanAfter = new AtomicLong();

    /**
     * Claims up to {@code max} due items, at most one per partition (its oldest pending item),
     * counting an attempt on each.
     *
     * <p>Two steps, both cheap on H2 and PostgreSQL alike: pending items are read in id order from
     * the {@code (status, id)} index, page by page from where the last claim stopped, keeping the oldest
     * read of each partition when it is due and not leased; then those rows are locked with
     * {@code FOR UPDATE SKIP LOCKED}, checked again, and leased. A row another host took in between is
     * simply skipped. Whether a row is its partition's oldest pending one is asked of the
     * {@code (partition_key, status, id)} index (V19), as the scan does not start at the queue's start.
     *
     * @param owner who claims (for operators reading the table)
     */
    public List<QueueItem> claim(int max, Instant now, Duration lease, String owner) {
        return db.inTransaction(c -> {
            long start = scanAfter.get();
            Map<String, Candidate> oldest = new HashMap<>();
            List<Long> heads = new ArrayList<>();
            long after = start;
            long upTo = Long.MAX_VALUE;
            boolean wrapped = false;
            for (int page = 0; page < MAX_PAGES && heads.size() < max; page++) {
                List<Candidate> window = Jdbc.query(c, "SELECT id, partition_key, next_attempt_at, claimed_until FROM "
                        + table + " WHERE status = 'PENDING' AND id > ? AND id <= ? ORDER BY status, id LIMIT ?",
                        rs -> new Candidate(rs.getLong(1), rs.getString(2), Jdbc.instant(rs, "next_attempt_at"),
                                Jdbc.instant(rs, "claimed_until")), after, upTo, PAGE);
                List<Long> found = new ArrayList<>();
                for (Candidate candidate : window) {
                    after = candidate.id();
                    Candidate before = oldest.get(candidate.partitionKey());
                    // Past the wrap the ids are smaller than those read before it: an older row of the
                    // partition; the newer one, if it was kept, is found no head by the lock's check.
                    if (before == null || candidate.id() < before.id()) {
                        oldest.put(candidate.partitionKey(), candidate);
                        if (candidate.claimableAt(now)) {
                            found.add(candidate.id());
                            if (heads.size() + found.size() == max) {
                                break;
                            }
                        }
                    }
                }
                // Before the wrap, older rows of a partition may lie before the scan's start: only the
                // heads count towards max, or a long partition's rows would each end a claim early.
                heads.addAll(wrapped || start == 0 ? found : partitionHeads(c, found));
                boolean readToTheEnd = window.size() < PAGE
                        && (window.isEmpty() || after == window.get(window.size() - 1).id());
                if (readToTheEnd && heads.size() < max) {
                    if (wrapped || start == 0) {
                        after = 0; // the whole queue was read: the next claim starts at its start
                        break;
                    }
                    wrapped = true;
                    after = 0;
                    upTo = start;
                }
            }
            scanAfter.set(after);
            if (heads.isEmpty()) {
                return List.of();
            }
            // The rows come back whole with their locks, so no third read is needed after the lease.
            // Each is checked again to be its partition's oldest pending item: an older one may have
            // been put back (a dead letter replayed) or committed since the scan.
            List<Long> padded = padded(heads);
            List<QueueItem> locked = Jdbc.query(c, "SELECT " + COLUMNS + extraColumns() + " FROM " + table
                    + " t WHERE id IN (" + placeholders(padded.size()) + ") AND status = 'PENDING' AND (claimed_until "
                    + "IS NULL OR claimed_until < ?) AND " + noOlderPending() + " ORDER BY id FOR UPDATE SKIP LOCKED",
                    this::map, params(padded, now));
            if (locked.isEmpty()) {
                return List.of();
            }
            List<Long> ids = padded(locked.stream().map(QueueItem::id).toList());
            Object[] update = new Object[ids.size() + 2];
            update[0] = now.plus(lease);
            update[1] = owner;
            for (int i = 0; i < ids.size(); i++) {
                update[i + 2] = ids.get(i);
            }
            Jdbc.update(c, "UPDATE " + table + " SET claimed_until = ?, claimed_by = ?, attempts = attempts + 1 "
                    + "WHERE id IN (" + placeholders(ids.size()) + ")", update);
            return locked.stream().map(QueueStore::counted).toList();
        });
    }

    /** Whether row {@code t} is its partition's oldest pending item (leased, waiting or not). */
    private String noOlderPending() {
        return "NOT EXISTS (SELECT 1 FROM " + table + " o WHERE o.partition_key = t.partition_key "
                + "AND o.status = 'PENDING' AND o.id < t.id)";
    }

    /** Those of {@code ids} that are their partition's oldest pending item, in id order. */
    private List<Long> partitionHeads(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return ids;
        }
        List<Long> padded = padded(ids);
        return Jdbc.query(c, "SELECT id FROM " + table + " t WHERE id IN (" + placeholders(padded.size()) + ") AND "
                + noOlderPending() + " ORDER BY id", rs -> rs.getLong(1), padded.toArray());
    }

    /**
     * Extends the leases of the claims this owner still holds, each named by its item's id and the
     * claim's attempt, to {@code now + lease}. An item released meanwhile (done, dead, or set aside
     * for a retry), taken by another owner after its lease ran out, or claimed again since (here
     * too: a newer attempt) is left as it is, and so is a row another transaction is writing right
     * now (it is being finished; if not, the next renewal takes it).
     *
     * @param claims the attempt each held claim counted, by item id
     * @return the ids whose lease was extended
     */
    public List<Long> renew(Map<Long, Integer> claims, Instant now, Duration lease, String owner) {
        if (claims.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(c -> {
            List<Long> padded = padded(List.copyOf(claims.keySet()));
            Object[] params = new Object[padded.size() + 1];
            for (int i = 0; i < padded.size(); i++) {
                params[i] = padded.get(i);
            }
            params[padded.size()] = owner;
            List<long[]> held = Jdbc.query(c, "SELECT id, attempts FROM " + table + " WHERE id IN ("
                    + placeholders(padded.size()) + ") AND claimed_by = ? AND status = 'PENDING' AND claimed_until "
                    + "IS NOT NULL ORDER BY id FOR UPDATE SKIP LOCKED", rs -> new long[] {rs.getLong(1), rs.getInt(2)},
                    params);
            List<Long> mine = held.stream().filter(row -> claims.get(row[0]) == row[1]).map(row -> row[0]).toList();
            if (mine.isEmpty()) {
                return List.of();
            }
            List<Long> paddedMine = padded(mine);
            Object[] update = new Object[paddedMine.size() + 1];
            update[0] = now.plus(lease);
            for (int i = 0; i < paddedMine.size(); i++) {
                update[i + 1] = paddedMine.get(i);
            }
            Jdbc.update(c, "UPDATE " + table + " SET claimed_until = ? WHERE id IN (" + placeholders(paddedMine.size())
                    + ")", update);
            return mine;
        });
    }

    /** The item as claimed: this attempt counted. */
    private static QueueItem counted(QueueItem i) {
        return new QueueItem(i.queue(), i.id(), i.sourceId(), i.eventId(), i.eventType(), i.partitionKey(),
                i.payload(), i.attempts() + 1, i.createdAt(), i.conversationId());
    }

    /**
     * The ids padded with -1 (never an id) to a power of two, so a claim's statements come in a few
     * shapes that the database can keep parsed, instead of one shape per batch size.
     */
    private static List<Long> padded(List<Long> ids) {
        int size = Integer.highestOneBit(ids.size());
        size = size == ids.size() ? size : size * 2;
        List<Long> out = new ArrayList<>(ids);
        while (out.size() < size) {
            out.add(-1L);
        }
        return out;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Object[] params(List<Long> ids, Object last) {
        Object[] out = new Object[ids.size() + 1];
        for (int i = 0; i < ids.size(); i++) {
            out[i] = ids.get(i);
        }
        out[ids.size()] = last;
        return out;
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

    /**
     * The condition that fences a claim: the row is still pending and held by this claim. Each claim
     * counts an attempt, so a worker whose lease ran out (a pause) and whose item was claimed again
     * since, by another host or by its own, no longer matches and cannot finish or release the newer claim.
     */
    private static final String HELD_BY_CLAIM = "id = ? AND status = 'PENDING' AND claimed_by = ? AND attempts = ?";

    /**
     * Marks a claimed item done inside the transaction that did its work, if that claim still holds it.
     *
     * @return false when the item's claim was taken over (its lease ran out and it was claimed again):
     *     then nothing was changed, and the work's transaction should not commit
     */
    public boolean complete(Connection c, QueueItem item, String owner, Instant now) throws SQLException {
        return Jdbc.update(c, "UPDATE " + table + " SET status = 'DONE', processed_at = ?, claimed_until = NULL, "
                + "last_error = NULL WHERE " + HELD_BY_CLAIM, now, item.id(), owner, item.attempts()) > 0;
    }

    /** As {@link #complete(Connection, QueueItem, String, Instant)}, in a transaction of its own. */
    public boolean complete(QueueItem item, String owner, Instant now) {
        return db.inTransaction(c -> complete(c, item, owner, now));
    }

    /**
     * Marks an item done that no worker holds: one queued in this very transaction and handled in it.
     * Workers complete their claims with {@link #complete(Connection, QueueItem, String, Instant)},
     * which a newer claim fences off.
     */
    public void complete(Connection c, long id, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE " + table + " SET status = 'DONE', processed_at = ?, claimed_until = NULL, "
                + "last_error = NULL WHERE id = ?", now, id);
    }

    /**
     * Releases a claimed item for another attempt no sooner than {@code nextAttemptAt}, if that claim
     * still holds it.
     *
     * @return false when the item's claim was taken over (nothing was changed)
     */
    public boolean retryLater(QueueItem item, String owner, Instant nextAttemptAt, String error) {
        return db.inTransaction(c -> Jdbc.update(c, "UPDATE " + table + " SET next_attempt_at = ?, claimed_until = NULL, "
                + "last_error = ? WHERE " + HELD_BY_CLAIM, nextAttemptAt, Jdbc.clip(error, 2000), item.id(), owner,
                item.attempts()) > 0);
    }

    /**
     * Gives up on a claimed item: it stops blocking its partition and becomes a dead letter with the reason.
     *
     * @return the dead letter's id, or empty when the item was no longer pending or its claim was taken over
     */
    public Optional<Long> deadLetter(QueueItem item, String owner, String reason, Instant now) {
        return db.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE " + table + " SET status = 'DEAD', claimed_until = NULL, last_error = ?, "
                    + "processed_at = ? WHERE " + HELD_BY_CLAIM, Jdbc.clip(reason, 2000), now, item.id(), owner,
                    item.attempts()) == 0) {
                return Optional.empty();
            }
            return Optional.of(Jdbc.insert(c, "INSERT INTO dead_letters (queue, item_id, source_id, event_type, partition_key, "
                    + "reason, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", queue.name(), item.id(),
                    item.sourceId(), item.eventType(), item.partitionKey(), Jdbc.clip(reason, 2000), item.attempts(),
                    now));
        });
    }

    /** An item's payload, whatever its status. */
    public Optional<String> payload(Connection c, long id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT payload FROM " + table + " WHERE id = ?", rs -> rs.getString(1), id);
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
