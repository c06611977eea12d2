package dev.deskbridge.host.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Row-locking queries ({@code SELECT ... FOR UPDATE}) kept prepared on H2, per physical connection.
 *
 * <p>H2 keeps a parsed statement in its session's cache only when it locks no rows, so each of these
 * was parsed again on every use: 3-4 % of the host's CPU on the webhook-to-CRM path (BENCHMARKS.md,
 * "Row-locking queries parsed once"). Here such a statement is taken for a query, run with its new
 * parameters and handed back; H2 prepares it again itself when the schema changes. PostgreSQL's driver
 * keeps its prepared statements itself, so only H2's connections keep any here.
 *
 * <p>A physical connection is used by one thread at a time (the pool hands it out), so its statements
 * need no lock; a statement in use is out of the map, so a query run while another's rows are read
 * prepares one of its own.
 */
final class LockingStatements {
    private static final String H2_CONNECTION = "org.h2.jdbc.JdbcConnection";
    /** Statements kept per connection at most; the code has about ten row-locking ones. */
    private static final int MAX_PER_CONNECTION = 32;
    private static final Map<Connection, Map<String, PreparedStatement>> KEPT = new ConcurrentHashMap<>();

    private LockingStatements() {}

    static boolean locksRows(String sql) {
        return sql.contains(" FOR UPDATE");
    }

    static <T> List<T> query(Connection c, String sql, Jdbc.RowMapper<T> mapper, Object... params)
            throws SQLException {
        Connection physical = c.unwrap(Connection.class);
        if (!physical.getClass().getName().equals(H2_CONNECTION)) {
            try (PreparedStatement ps = Jdbc.prepare(c, sql, params)) {
                return Jdbc.rows(ps, mapper);
            }
        }
        Map<String, PreparedStatement> kept = keptOn(physical);
        PreparedStatement ps = kept.remove(sql);
        if (ps == null || ps.isClosed()) {
            ps = physical.prepareStatement(sql);
        }
        List<T> rows;
        try {
            Jdbc.bind(ps, params);
            rows = Jdbc.rows(ps, mapper);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        if (kept.size() < MAX_PER_CONNECTION && !kept.containsKey(sql)) {
            kept.put(sql, ps);
        } else {
            ps.close();
        }
        return rows;
    }

    /** How many statements are kept for {@code c}'s physical connection, once closed ones are forgotten (for tests). */
    static int keptFor(Connection c) throws SQLException {
        forgetClosed();
        Map<String, PreparedStatement> kept = KEPT.get(c.unwrap(Connection.class));
        return kept == null ? 0 : kept.size();
    }

    private static Map<String, PreparedStatement> keptOn(Connection physical) {
        Map<String, PreparedStatement> kept = KEPT.get(physical);
        if (kept == null) {
            // A new connection: the pool may have closed others since (their statements with them).
            forgetClosed();
            kept = new HashMap<>();
            KEPT.put(physical, kept);
        }
        return kept;
    }

    private static void forgetClosed() {
        KEPT.keySet().removeIf(LockingStatements::isClosed);
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
