package dev.deskbridge.host.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Running monthly totals beside the ledger (billed messages per market and category, free service
 * messages per business number, spend per route), updated in the ledger's own transactions.
 * Quotes and budget checks read one row each, so their cost does not grow with the month's volume.
 */
public final class MonthlyCounters {
    private MonthlyCounters() {}

    public static String billed(String market, String category) {
        return "billed|" + market + "|" + category;
    }

    public static String freeService(String business) {
        return "free-service|" + business;
    }

    public static String spend(String channelId, String crmId, String currency) {
        return "spend|" + channelId + "|" + crmId + "|" + currency;
    }

    /** Adds to a counter, creating it at zero first. */
    static void add(Connection c, String month, String counter, long n, BigDecimal amount) throws SQLException {
        if (n == 0 && amount.signum() == 0) {
            return;
        }
        if (Jdbc.update(c, "UPDATE monthly_counters SET n = n + ?, amount = amount + ? WHERE usage_month = ? "
                + "AND counter = ?", n, amount, month, counter) == 0) {
            Jdbc.update(c, "INSERT INTO monthly_counters (usage_month, counter, n, amount) VALUES (?, ?, 0, 0) "
                    + "ON CONFLICT DO NOTHING", month, counter);
            Jdbc.update(c, "UPDATE monthly_counters SET n = n + ?, amount = amount + ? WHERE usage_month = ? "
                    + "AND counter = ?", n, amount, month, counter);
        }
    }

    public static long count(Connection c, String month, String counter) throws SQLException {
        return Jdbc.queryOne(c, "SELECT n FROM monthly_counters WHERE usage_month = ? AND counter = ?",
                rs -> rs.getLong(1), month, counter).orElse(0L);
    }

    public static BigDecimal amount(Connection c, String month, String counter) throws SQLException {
        Optional<BigDecimal> a = Jdbc.queryOne(c, "SELECT amount FROM monthly_counters WHERE usage_month = ? "
                + "AND counter = ?", rs -> rs.getBigDecimal(1), month, counter);
        return a.orElse(BigDecimal.ZERO);
    }
}
