package dev.deskbridge.host.costs;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.store.MonthlyCounters;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.Currency;

/**
 * Questions answered from the cost ledger. A row's cost is its settled cost once settled and its
 * quote until then; failed messages cost nothing. What the engine asks per event (tiers, allowance,
 * budget) is read from the monthly counters kept beside the ledger, and a conversation's cost from
 * its own rows, so no per-event question grows with the number of conversations or messages.
 */
public final class LedgerQueries {
    /** The cost of a row: settled where known, quoted otherwise. */
    static final String COST = "COALESCE(settled_meta_fee, quoted_meta_fee) + COALESCE(settled_channel_fee, "
            + "quoted_channel_fee)";

    private LedgerQueries() {}

    /** What a conversation has cost so far, in one currency. */
    public static Money conversationCost(Connection c, ConversationId conversation, Currency currency)
            throws SQLException {
        BigDecimal sum = Jdbc.queryOne(c, "SELECT SUM(" + COST + ") FROM cost_ledger WHERE conversation_id = ? "
                + "AND currency = ? AND status <> 'FAILED'", rs -> rs.getBigDecimal(1), conversation.value(),
                currency.getCurrencyCode()).orElse(null);
        return money(sum, currency);
    }

    /** What a route (channel to CRM) has spent in a month, in one currency (one counter row). */
    public static Money routeSpend(Connection c, YearMonth month, String channelId, String crmId, Currency currency)
            throws SQLException {
        return money(MonthlyCounters.amount(c, month.toString(), MonthlyCounters.spend(channelId, crmId,
                currency.getCurrencyCode())), currency);
    }

    /** Billed messages of a market and category in a month (volume tiers; one counter row). */
    public static long billedCount(Connection c, String market, PricingCategory category, YearMonth month)
            throws SQLException {
        return MonthlyCounters.count(c, month.toString(), MonthlyCounters.billed(market, category.wireName()));
    }

    /** Service messages of a business number sent free in a month (the free allowance used; one counter row). */
    public static long freeServiceCount(Connection c, PhoneNumber business, YearMonth month) throws SQLException {
        return MonthlyCounters.count(c, month.toString(), MonthlyCounters.freeService(business.e164()));
    }

    /** A sum as money, without the column's trailing zeros ({@code 0.004000} reads {@code 0.004}). */
    private static Money money(BigDecimal sum, Currency currency) {
        if (sum == null || sum.signum() == 0) {
            return Money.zero(currency);
        }
        BigDecimal plain = sum.stripTrailingZeros();
        return new Money(plain.scale() < 0 ? plain.setScale(0) : plain, currency);
    }

    /** The month's total spend of all routes, settled or quoted, in one currency. */
    public static Money monthSpend(Connection c, YearMonth month, Currency currency) throws SQLException {
        BigDecimal sum = Jdbc.queryOne(c, "SELECT SUM(" + COST + ") FROM cost_ledger WHERE usage_month = ? "
                + "AND currency = ? AND status <> 'FAILED'", rs -> rs.getBigDecimal(1), month.toString(),
                currency.getCurrencyCode()).orElse(null);
        return money(sum, currency);
    }
}
