package dev.deskbridge.host.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deletes a queue's handled items once they are old: a done item is kept only so that a provider's
 * redelivery of its webhook (or a CRM's repeated event) is recognised by its id, and its payload holds
 * a customer's text. Pending items and dead letters are never touched. Works inside the caller's
 * transaction, one batch at a time, so that it never holds many rows from the engine's work.
 */
public final class HandledItems {
    private final String table;

    public HandledItems(Queue queue) {
        this.table = Objects.requireNonNull(queue, "queue").table();
    }

    /** What one batch did, and where the next one starts. */
    public record Batch(int deleted, long lastId, boolean more) {}

    /**
     * Deletes, among the next {@code size} done items after id {@code afterId} (oldest first), those
     * processed before {@code before}.
     *
     * <p>The scan stops ({@code more} false) at the first item created at or after {@code before}: ids
     * grow with creation, so every later item is too young. An item created before but processed after
     * {@code before} (it was retried for a while) is skipped and deleted by a later pass.
     */
    public Batch deleteBatch(Connection c, long afterId, Instant before, int size) throws SQLException {
        record Row(long id, Instant createdAt, Instant processedAt) {}
        List<Row> rows = Jdbc.query(c, "SELECT id, created_at, processed_at FROM " + table + " WHERE status = 'DONE' "
                + "AND id > ? ORDER BY status, id LIMIT " + size, rs -> new Row(rs.getLong("id"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "processed_at")), afterId);
        List<Long> old = new ArrayList<>();
        long last = afterId;
        boolean more = rows.size() == size;
        for (Row r : rows) {
            if (!r.createdAt().isBefore(before)) {
                more = false;
                break;
            }
            last = r.id();
            if (r.processedAt().isBefore(before)) {
                old.add(r.id());
            }
        }
        if (old.isEmpty()) {
            return new Batch(0, last, more);
        }
        String ids = String.join(", ", old.stream().map(String::valueOf).toList());
        // By id alone, ids the scan read as numbers (not text from outside). A done item never changes
        // again, so there is nothing to check twice; a condition on its status would make H2 walk the
        // whole (status, id) index instead of the primary key. Another host may have deleted some first.
        int deleted = Jdbc.update(c, "DELETE FROM " + table + " WHERE id IN (" + ids + ")");
        return new Batch(deleted, last, more);
    }
}
