package dev.deskbridge.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the host's H2 database did per event in each phase, with {@code -Drealpath.sqlCounts=true}
 * (H2 only): statements by text from H2's own {@code QUERY_STATISTICS} (the durable flushes are its
 * {@code CHECKPOINT SYNC} lines), and the store's file writes. It connects to the host's file through
 * H2's AUTO_SERVER. The statistics cost the host time of their own: a counting run is not a timing run.
 */
final class SqlCounts {
    /** Options the host's URL gets for counting. */
    static final String URL_OPTIONS = ";QUERY_STATISTICS=TRUE;QUERY_STATISTICS_MAX_ENTRIES=2000";

    private final String url;
    private Map<String, Long> lastStatements = Map.of();
    private Map<String, Double> lastMillis = Map.of();
    private Map<String, Long> lastInfo = Map.of();

    private SqlCounts(String url) {
        this.url = url;
    }

    static boolean wanted() {
        return Boolean.getBoolean("realpath.sqlCounts");
    }

    /** Counting for the H2 file at {@code fileUrl} (jdbc:h2:file:...); null when not wanted. */
    static SqlCounts of(String fileUrl) {
        return wanted() ? new SqlCounts(fileUrl + ";AUTO_SERVER=TRUE") : null;
    }

    /** Prints what happened since the last call, per event of {@code n}. */
    void report(String phase, int n) {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            Map<String, Long> statements = new HashMap<>();
            Map<String, Double> millis = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME"
                    + " FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
                while (rs.next()) {
                    String sql = rs.getString(1);
                    if (!sql.contains("INFORMATION_SCHEMA")) {
                        statements.put(sql, rs.getLong(2));
                        millis.put(sql, rs.getDouble(3));
                    }
                }
            }
            Map<String, Long> info = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                    + "WHERE SETTING_NAME IN ('info.FILE_WRITE', 'info.FILE_WRITE_BYTES', 'info.FILE_READ', "
                    + "'info.FILE_READ_BYTES', 'info.CHUNK_COUNT')")) {
                while (rs.next()) {
                    info.put(rs.getString(1).substring("info.".length()), Long.parseLong(rs.getString(2)));
                }
            }
            List<Map.Entry<String, Long>> delta = new ArrayList<>();
            long total = 0;
            long flushes = 0;
            for (Map.Entry<String, Long> e : statements.entrySet()) {
                long d = e.getValue() - lastStatements.getOrDefault(e.getKey(), 0L);
                if (d > 0) {
                    delta.add(Map.entry(e.getKey(), d));
                    if (e.getKey().startsWith("CHECKPOINT")) {
                        flushes += d;
                    } else {
                        total += d;
                    }
                }
            }
            delta.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            System.out.printf("  SQL per event (%s): %.2f statements, %.2f durable flushes (CHECKPOINT SYNC)", phase,
                    (double) total / n, (double) flushes / n);
            info.forEach((k, v) -> System.out.printf(", %s %.1f", k, (double) (v - lastInfo.getOrDefault(k, 0L)) / n));
            System.out.println();
            for (Map.Entry<String, Long> e : delta) {
                String sql = e.getKey().replaceAll("\\s+", " ");
                double ms = millis.getOrDefault(e.getKey(), 0.0) - lastMillis.getOrDefault(e.getKey(), 0.0);
                System.out.printf("    %6.2f  %7.3f ms  %s%n", (double) e.getValue() / n, ms / n,
                        sql.length() > 150 ? sql.substring(0, 150) + "…" : sql);
            }
            lastStatements = statements;
            lastMillis = millis;
            lastInfo = info;
        } catch (SQLException e) {
            System.out.println("  SQL per event: cannot read H2's statistics: " + e.getMessage());
        }
    }
}
