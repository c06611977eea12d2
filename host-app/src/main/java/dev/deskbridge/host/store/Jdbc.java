package dev.deskbridge.host.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers: parameter binding, instants as UTC timestamps, row mapping. */
public final class Jdbc {
    private Jdbc() {}

    /** Work inside a transaction that returns a result. */
    @FunctionalInterface
    public interface TxFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface TxConsumer {
        void accept(Connection c) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            bind(ps, params);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Optional<?> o) {
                p = o.orElse(null);
            }
            if (p == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (p instanceof Instant t) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(stored(t), ZoneOffset.UTC));
            } else if (p instanceof BigDecimal d) {
                ps.setBigDecimal(i + 1, d);
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** Inserts a row and returns its generated {@code id}. */
    public static long insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated id for: " + sql);
                }
                return keys.getLong(1);
            }
        }
    }

    /**
     * An instant as a column keeps it: to the microsecond. Truncated, so the database never rounds an
     * instant up (a row stored "now" must be due when claimed at that same now).
     */
    public static Instant stored(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /**
     * Keeps a row just inserted only if its key is new. The key goes into a table of its own, whose unique
     * index decides ({@code ON CONFLICT DO NOTHING}); when the key was there already, the row is deleted again
     * in the caller's transaction. Keys live apart from the rows they identify because H2 rewrites every
     * index of a row on each update (V17, V18).
     *
     * @param keyColumns the key table's columns, the row's id first
     * @param key the key's values after the row's id
     * @return the row's id, or empty when its key was stored before
     */
    static Optional<Long> keepIfKeyIsNew(Connection c, String table, long id, String keyTable, String keyColumns,
            Object... key) throws SQLException {
        Object[] values = new Object[key.length + 1];
        values[0] = id;
        System.arraycopy(key, 0, values, 1, key.length);
        String placeholders = String.join(", ", java.util.Collections.nCopies(values.length, "?"));
        if (update(c, "INSERT INTO " + keyTable + " (" + keyColumns + ") VALUES (" + placeholders + ") "
                + "ON CONFLICT DO NOTHING", values) == 0) {
            update(c, "DELETE FROM " + table + " WHERE id = ?", id);
            return Optional.empty();
        }
        return Optional.of(id);
    }

    /**
     * Hands each row to {@code each} as it is read, in pages, instead of collecting them: for results
     * that may not fit in memory. PostgreSQL pages only inside a transaction, so call it in one.
     */
    public static <T> void forEach(Connection c, String sql, RowMapper<T> mapper,
            java.util.function.Consumer<? super T> each, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(mapper.map(rs));
                }
            }
        }
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        if (LockingStatements.locksRows(sql)) {
            return LockingStatements.query(c, sql, mapper, params);
        }
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return rows(ps, mapper);
        }
    }

    /** Runs a bound query and maps its rows; the statement stays open. */
    static <T> List<T> rows(PreparedStatement ps, RowMapper<T> mapper) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    public static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        List<T> rows = query(c, sql, mapper, params);
        if (rows.size() > 1) {
            throw new SQLException("expected at most one row, got " + rows.size() + " for: " + sql);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public static long count(Connection c, String sql, Object... params) throws SQLException {
        return queryOne(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Optional<Instant> optInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(instant(rs, column));
    }

    public static Optional<String> optString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    /** Cuts text to fit a column, so a long provider message never fails an insert. */
    public static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
